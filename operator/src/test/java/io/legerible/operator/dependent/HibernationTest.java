package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.testing.BuiltWorkloads;
import io.legerible.operator.testing.Libraries;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HibernationTest {

  @Test
  void hibernatingLibraryRunsNoReplicaAndNoScheduledRunAndWakesToItsSpec() {
    LegeribleLibrary awake = Libraries.example("full.yaml");
    LegeribleLibrary asleep = Libraries.example("full.yaml");
    asleep.getSpec().hibernate = true;

    assertThat(replicas(asleep)).allSatisfy((workload, count) -> assertThat(count).isZero());
    assertThat(replicas(awake))
        .containsEntry("postgres", 1)
        .containsEntry("kafka", awake.getSpec().kafka.managed.replicas)
        .containsEntry("cassandra", awake.getSpec().cassandra.managed.replicas)
        .containsEntry("memcached", 1)
        .containsEntry("webapp", awake.getSpec().webapp.replicas)
        .containsEntry("ranking-stream", 1)
        .containsEntry("book-feed", 1);

    assertThat(
            BuiltWorkloads.of(asleep, Libraries.inputs()).recommendations().getSpec().getSuspend())
        .isTrue();
    assertThat(
            BuiltWorkloads.of(awake, Libraries.inputs()).recommendations().getSpec().getSuspend())
        .isFalse();
  }

  private static Map<String, Integer> replicas(LegeribleLibrary library) {
    return BuiltWorkloads.of(library, Libraries.inputs()).replicas();
  }
}
