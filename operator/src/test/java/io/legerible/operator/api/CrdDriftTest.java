package io.legerible.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdDriftTest {

  static final String CRD_FILE = "legeriblelibraries.legerible.io-v1.yml";

  @Test
  void committedCrdMatchesTheOneGeneratedFromTheApiPackage() throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD_FILE)) {
      assertThat(in)
          .as("the build generates the CRD at process-classes (crd-generator-maven-plugin)")
          .isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path committed = ProjectLayout.root().resolve("crds").resolve(CRD_FILE);
    assertThat(committed).as("committed CRD; create it with dev/refresh-crd").exists();
    assertThat(Files.readString(committed))
        .as(
            "crds/%s differs from the CRD generated from the api package:"
                + " run dev/refresh-crd and commit the result",
            CRD_FILE)
        .isEqualTo(generated);
  }
}
