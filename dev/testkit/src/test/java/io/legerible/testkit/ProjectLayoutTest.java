package io.legerible.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ProjectLayoutTest {

  @Test
  void rootHoldsTheMavenWrapperAndTheServiceScripts() {
    assertThat(ProjectLayout.root().resolve(".mvn")).isDirectory();
    assertThat(Files.isExecutable(ProjectLayout.devPath("services/postgres"))).isTrue();
  }
}
