package io.legerible.operator.dependent.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.testing.Libraries;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CassandraDependentsTest {

  @Test
  void ringSeedsFromNodeZeroWithTheHeapAndDatacenterOfTheSpec() {
    var library =
        Libraries.city(
            spec -> {
              spec.cassandra.managed.replicas = 3;
              spec.cassandra.managed.heapSize = "1G";
              spec.cassandra.localDatacenter = "dc-east";
            });
    var statefulSet =
        new CassandraStatefulSetDependentResource().build(library, Libraries.inputs());
    assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
    var container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(DefaultImages.BUILT_IN.cassandra());
    Map<String, String> env =
        container.getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry(
            "CASSANDRA_SEEDS", "legerible-city-cassandra-0.legerible-city-cassandra.town.svc")
        .containsEntry("CASSANDRA_DC", "dc-east")
        .containsEntry("MAX_HEAP_SIZE", "1G")
        .containsEntry("CASSANDRA_CLUSTER_NAME", "legerible-city-cassandra");
    assertThat(container.getVolumeMounts().get(0).getMountPath()).isEqualTo("/var/lib/cassandra");
    assertThat(container.getPorts()).extracting(p -> p.getContainerPort()).contains(9042, 7000);
  }
}
