package io.legerible.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultImagesTest {

  @Test
  void environmentOverridesEachDefaultImage() {
    DefaultImages images =
        DefaultImages.from(
            Map.of(
                DefaultImages.WEBAPP_ENV, "registry.example.org/webapp:1.2",
                DefaultImages.KAFKA_ENV, "registry.example.org/kafka:4",
                DefaultImages.CASSANDRA_ENV, " "));
    assertThat(images.webapp()).isEqualTo("registry.example.org/webapp:1.2");
    assertThat(images.kafka()).isEqualTo("registry.example.org/kafka:4");
    assertThat(images.cassandra()).isEqualTo(DefaultImages.BUILT_IN.cassandra());
    assertThat(images.postgres()).isEqualTo(DefaultImages.BUILT_IN.postgres());
  }

  @Test
  void builtInDefaultsAreFilledInByTheBuild() {
    assertThat(DefaultImages.BUILT_IN.postgres()).startsWith("postgres:").doesNotContain("${");
    assertThat(DefaultImages.BUILT_IN.kafka()).startsWith("apache/kafka:").doesNotContain("${");
  }

  @Test
  void anUnfilteredResourceIsRejectedNamingTheBuild() {
    assertThatThrownBy(() -> DefaultImages.load("unfiltered-images.properties"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'webapp'")
        .hasMessageContaining("./mvnw");
  }

  @Test
  void settingsComeFromTheEnvironment() {
    OperatorSettings settings =
        OperatorSettings.from(
            Map.of(
                OperatorSettings.NAMESPACES_ENV, "east, west",
                OperatorSettings.HTTP_PORT_ENV, "9090",
                OperatorSettings.LEADER_ELECTION_ENV, "false"));
    assertThat(settings.namespaces()).containsExactlyInAnyOrder("east", "west");
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.leaderElection()).isFalse();
    assertThat(OperatorSettings.from(Map.of()).watchesAllNamespaces()).isTrue();
  }
}
