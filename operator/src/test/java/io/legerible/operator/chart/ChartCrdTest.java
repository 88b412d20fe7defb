package io.legerible.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChartCrdTest {

  @Test
  void chartCarriesExactlyTheCommittedCrd() throws IOException {
    Path committed = ProjectLayout.root().resolve("crds");
    Path chart = HelmCli.CHART.resolve("crds");
    try (Stream<Path> files = Files.list(chart)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("legeriblelibraries.legerible.io-v1.yml");
    }
    assertThat(Files.readString(chart.resolve("legeriblelibraries.legerible.io-v1.yml")))
        .as("helm/legerible/crds/ differs from crds/: run dev/refresh-crd and commit both copies")
        .isEqualTo(Files.readString(committed.resolve("legeriblelibraries.legerible.io-v1.yml")));
  }
}
