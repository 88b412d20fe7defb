package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.testing.BuiltWorkloads;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UnsafeChangesTest {

  @Test
  void aFirstApplyIsNeverRefused() {
    LegeribleLibrary library =
        Libraries.city(
            spec -> {
              spec.postgres.managed.image = "postgres:18.1";
              spec.kafka.managed.replicas = 3;
            });
    assertThat(UnsafeChanges.refused(library, Map.of(), DefaultImages.BUILT_IN)).isEmpty();
  }

  @Test
  void aMinorPostgresUpgradeIsAllowedAndAMajorOneRefusedNamingThePath() {
    Map<String, StatefulSet> running =
        running(Libraries.city(spec -> spec.postgres.managed.image = "postgres:17.2-bookworm"));

    assertThat(
            UnsafeChanges.refused(
                Libraries.city(spec -> spec.postgres.managed.image = "postgres:17.6"),
                running,
                DefaultImages.BUILT_IN))
        .isEmpty();
    assertThat(
            UnsafeChanges.refused(
                Libraries.city(spec -> spec.postgres.managed.image = "postgres:18.1"),
                running,
                DefaultImages.BUILT_IN))
        .singleElement()
        .asString()
        .startsWith("postgres.managed.image postgres:17.2-bookworm → postgres:18.1 is a major")
        .contains("Keep a 17.x image")
        .contains("pg_dump");
    assertThat(
            UnsafeChanges.refused(
                Libraries.city(spec -> spec.postgres.managed.image = "registry.example:5000/pg"),
                running,
                DefaultImages.BUILT_IN))
        .singleElement()
        .asString()
        .contains("does not say its major version")
        .contains("postgres:17");
  }

  @Test
  void majorVersionIsReadFromTheTagOnly() {
    assertThat(UnsafeChanges.majorVersion("postgres:17.2")).isEqualTo(OptionalInt.of(17));
    assertThat(UnsafeChanges.majorVersion("registry.example:5000/postgres:16-alpine"))
        .isEqualTo(OptionalInt.of(16));
    assertThat(UnsafeChanges.majorVersion("postgres:17@sha256:abc")).isEqualTo(OptionalInt.of(17));
    assertThat(UnsafeChanges.majorVersion("registry.example:5000/postgres")).isEmpty();
    assertThat(UnsafeChanges.majorVersion("postgres:latest")).isEmpty();
  }

  @Test
  void kafkaKeepsItsControllersAndCassandraResizesBothWays() {
    Consumer<LegeribleLibrarySpec> threeEach =
        spec -> {
          spec.kafka.managed.replicas = 3;
          spec.cassandra.managed.replicas = 3;
        };
    Map<String, StatefulSet> running = running(Libraries.city(threeEach));

    assertThat(refusedWith(running, threeEach.andThen(spec -> spec.kafka.managed.replicas = 2)))
        .singleElement()
        .asString()
        .startsWith(
            "kafka.managed.replicas 2 is refused: the first 3 Kafka nodes are also its KRaft")
        .contains("At least 3 brokers are needed");
    assertThat(refusedWith(running, threeEach.andThen(spec -> spec.kafka.managed.replicas = 5)))
        .as("broker-only nodes join the 3 controllers")
        .isEmpty();
    assertThat(
            refusedWith(
                running(Libraries.city(spec -> {})), spec -> spec.kafka.managed.replicas = 3))
        .as("a single controller gains two broker-only nodes")
        .isEmpty();
    assertThat(refusedWith(running, threeEach.andThen(spec -> spec.cassandra.managed.replicas = 2)))
        .as("decommissioned node by node")
        .isEmpty();
    assertThat(refusedWith(running, threeEach.andThen(spec -> spec.cassandra.managed.replicas = 4)))
        .isEmpty();
  }

  @Test
  void aHibernatingLibraryIsJudgedAgainstItsSizeNotItsZeroReplicas() {
    Map<String, StatefulSet> hibernating =
        running(
            Libraries.city(
                spec -> {
                  spec.kafka.managed.replicas = 3;
                  spec.hibernate = true;
                }));
    assertThat(hibernating.values())
        .allSatisfy(s -> assertThat(s.getSpec().getReplicas()).isZero());

    assertThat(refusedWith(hibernating, spec -> spec.kafka.managed.replicas = 3)).isEmpty();
    assertThat(refusedWith(hibernating, spec -> spec.kafka.managed.replicas = 1)).hasSize(1);
  }

  private static List<String> refusedWith(
      Map<String, StatefulSet> running, Consumer<LegeribleLibrarySpec> change) {
    return UnsafeChanges.refused(Libraries.city(change), running, DefaultImages.BUILT_IN);
  }

  /** The StatefulSets the operator wrote for {@code library}, by name. */
  private static Map<String, StatefulSet> running(LegeribleLibrary library) {
    return BuiltWorkloads.of(library, Libraries.inputs()).statefulSetsByName();
  }
}
