package io.legerible.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class AxeCoreTest {

  @Test
  void theTestKitLooksForTheAxeCoreVersionDevSetupServicesFetches() throws IOException {
    String common = Files.readString(ProjectLayout.root().resolve("dev/lib/common.sh"));
    assertThat(common).contains("AXE_CORE_VERSION=\"" + AxeCore.VERSION + "\"");
    assertThat(AxeCore.scriptFile().toString())
        .endsWith("axe-core/" + AxeCore.VERSION + "/axe.min.js");
  }
}
