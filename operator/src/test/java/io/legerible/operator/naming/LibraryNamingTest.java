package io.legerible.operator.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.operator.testing.Libraries;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryNamingTest {

  @Test
  void namesAndLabelsComeFromTheLibraryAndComponent() {
    var city = Libraries.city();
    assertThat(LibraryNaming.name(city, Component.KAFKA)).isEqualTo("legerible-city-kafka");
    assertThat(LibraryNaming.kafkaTopicsJob(city)).isEqualTo("legerible-city-kafka-topics");
    assertThat(LibraryNaming.podHost(city, Component.KAFKA, 2))
        .isEqualTo("legerible-city-kafka-2.legerible-city-kafka.town.svc");
    assertThat(LibraryNaming.labels(city, Component.RANKING_STREAM))
        .containsEntry("app.kubernetes.io/managed-by", "legerible-operator")
        .containsEntry("app.kubernetes.io/component", "ranking-stream")
        .containsEntry("app.kubernetes.io/instance", "city")
        .containsEntry("app.kubernetes.io/name", "legerible");
    assertThat(LibraryNaming.hashAnnotation("legerible-city-postgres-credentials", city))
        .isEqualTo("legerible.io/hash-postgres-credentials");
  }

  @Test
  void longestAllowedNameKeepsEveryDerivedNameWithinKubernetesLimits() {
    var library = Libraries.city();
    library.getMetadata().setName("x".repeat(LibraryNaming.MAX_LIBRARY_NAME_LENGTH));
    for (Component component : List.of(Component.POSTGRES, Component.KAFKA, Component.CASSANDRA)) {
      // A StatefulSet's pods carry a controller-revision-hash label: its name plus 11 characters.
      assertThat(LibraryNaming.name(library, component).length() + 11).isLessThanOrEqualTo(63);
    }
    // Jobs of a CronJob append 11 characters to its name, so CronJob names stop at 52.
    assertThat(LibraryNaming.name(library, Component.RECOMMENDATIONS)).hasSizeLessThanOrEqualTo(52);
    for (Component component : Component.values()) {
      assertThat(LibraryNaming.name(library, component)).hasSizeLessThanOrEqualTo(63);
    }
    assertThat(LibraryNaming.kafkaTopicsJob(library)).hasSizeLessThanOrEqualTo(63);
    assertThat(LibraryNaming.postgresCredentials(library)).hasSizeLessThanOrEqualTo(63);
    assertThat(LibraryNaming.demoCredentials(library)).hasSizeLessThanOrEqualTo(63);
  }
}
