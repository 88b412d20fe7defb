package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.operator.api.ComputeResources;
import io.legerible.operator.api.Placement;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  @Test
  void defaultLibraryAndTheExamplesAreValid() {
    assertThat(SpecValidator.validate(Libraries.city())).isEmpty();
    assertThat(SpecValidator.validate(Libraries.example("minimal.yaml"))).isEmpty();
    assertThat(SpecValidator.validate(Libraries.example("full.yaml"))).isEmpty();
  }

  @Test
  void nameTooLongForPodNamesIsRejected() {
    var library = Libraries.city();
    library.getMetadata().setName("x".repeat(27));
    assertThat(SpecValidator.validate(library))
        .singleElement()
        .asString()
        .contains("27 characters long; use at most 26");
  }

  @Test
  void cronScheduleNeedsFiveFieldsInRange() {
    assertThat(
            SpecValidator.validate(
                Libraries.city(s -> s.analytics.recommendations.schedule = "@hourly")))
        .singleElement()
        .asString()
        .contains("must have five fields");
    assertThat(
            SpecValidator.validate(
                Libraries.city(s -> s.analytics.recommendations.schedule = "0 24 * * *")))
        .singleElement()
        .asString()
        .contains("24 is outside the hour range 0-23");
    assertThat(
            SpecValidator.validate(
                Libraries.city(
                    s -> s.analytics.recommendations.schedule = "*/15 1-5 1,15 */2 0-7")))
        .isEmpty();
  }

  @Test
  void backupScheduleIsCheckedLikeEveryCronSchedule() {
    assertThat(
            SpecValidator.validate(
                Libraries.city(
                    s -> {
                      s.postgres.managed.backup = new PostgresBackup();
                      s.postgres.managed.backup.schedule = "daily";
                    })))
        .singleElement()
        .asString()
        .startsWith("postgres.managed.backup.schedule 'daily' must have five fields")
        .contains("e.g. '0 3 * * *'");
    assertThat(
            SpecValidator.validate(
                Libraries.city(s -> s.postgres.managed.backup = new PostgresBackup())))
        .isEmpty();
  }

  @Test
  void aHeapOrCacheThatCannotFitItsContainerIsRejectedWithTheNumbers() {
    assertThat(SpecValidator.validate(Libraries.city(s -> s.cassandra.managed.heapSize = "1G")))
        .singleElement()
        .asString()
        .isEqualTo(
            "cassandra.managed.heapSize 1G needs a memory limit of at least 2048Mi (the heap"
                + " again for off-heap memory) but the limit is 1536Mi; raise"
                + " cassandra.managed.resources.memoryLimit or lower the heap");
    assertThat(
            SpecValidator.validate(
                Libraries.city(
                    s -> {
                      s.cassandra.managed.heapSize = "1G";
                      s.cassandra.managed.resources = ComputeResources.of("250m", "2Gi");
                    })))
        .isEmpty();
    assertThat(
            SpecValidator.validate(Libraries.city(s -> s.memcached.managed.memoryMegabytes = 512)))
        .singleElement()
        .asString()
        .isEqualTo(
            "memcached.managed.memoryMegabytes 512 needs a memory limit of at least 640Mi (the"
                + " cache and its connections) but the limit is 128Mi; raise"
                + " memcached.managed.resources.memoryLimit or lower the cache");
  }

  @Test
  void theApplicationMayNotConnectAsTheSuperuser() {
    assertThat(SpecValidator.validate(Libraries.city(s -> s.postgres.managed.user = "postgres")))
        .singleElement()
        .asString()
        .contains("'postgres' is the superuser's name");
  }

  @Test
  void requestAboveLimitIsRejectedWithWhatToDo() {
    var library =
        Libraries.city(
            s -> {
              s.webapp.resources = new ComputeResources();
              s.webapp.resources.memoryRequest = "1Gi";
              s.webapp.resources.memoryLimit = "512Mi";
            });
    assertThat(SpecValidator.validate(library))
        .containsExactly(
            "webapp.resources.memoryRequest 1Gi exceeds memoryLimit 512Mi; raise the limit or lower"
                + " the request");
  }

  @Test
  void placementKeysAndValuesMustBeLabelsTheApiServerAcceptsOnPods() {
    var library =
        Libraries.city(
            spec -> {
              spec.kafka.managed.placement = new Placement();
              spec.kafka.managed.placement.nodeSelector = Map.of("disk type", "ssd");
              spec.webapp.placement = new Placement();
              spec.webapp.placement.nodeSelector = Map.of("pool", "web pool");
              var toleration = new Placement.Toleration();
              toleration.key = "-dedicated";
              spec.webapp.placement.tolerations = List.of(toleration);
            });
    assertThat(SpecValidator.validate(library))
        .containsExactlyInAnyOrder(
            "webapp.placement.nodeSelector value 'web pool' of pool is not a label value: at most"
                + " 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
            "webapp.placement.tolerations key '-dedicated' is not a label key: an optional DNS"
                + " prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and"
                + " ending with a letter or digit (e.g. topology.kubernetes.io/zone)",
            "kafka.managed.placement.nodeSelector key 'disk type' is not a label key: an optional"
                + " DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting"
                + " and ending with a letter or digit (e.g. topology.kubernetes.io/zone)");
  }

  @Test
  void placementWithValidLabelsPasses() {
    var placement = new Placement();
    placement.nodeSelector = Map.of("topology.kubernetes.io/zone", "eu-west-1a", "empty", "");
    var toleration = new Placement.Toleration();
    toleration.key = "example.org/dedicated";
    toleration.value = "libraries";
    placement.tolerations = List.of(toleration);
    assertThat(SpecValidator.validate(Libraries.city(spec -> spec.webapp.placement = placement)))
        .isEmpty();
  }
}
