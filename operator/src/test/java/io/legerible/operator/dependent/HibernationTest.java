package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.postgres.PostgresStatefulSetDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.dependent.webapp.WebappDeploymentDependentResource;
import io.legerible.operator.testing.Libraries;
import java.util.LinkedHashMap;
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

    var recommendations = new RecommendationsCronJobDependentResource();
    assertThat(recommendations.build(asleep, Libraries.inputs()).getSpec().getSuspend()).isTrue();
    assertThat(recommendations.build(awake, Libraries.inputs()).getSpec().getSuspend()).isFalse();
  }

  private static Map<String, Integer> replicas(LegeribleLibrary library) {
    var inputs = Libraries.inputs();
    Map<String, Integer> replicas = new LinkedHashMap<>();
    replicas.put(
        "postgres",
        new PostgresStatefulSetDependentResource().build(library, inputs).getSpec().getReplicas());
    replicas.put(
        "kafka",
        new KafkaStatefulSetDependentResource().build(library, inputs).getSpec().getReplicas());
    replicas.put(
        "cassandra",
        new CassandraStatefulSetDependentResource().build(library, inputs).getSpec().getReplicas());
    replicas.put(
        "memcached",
        new MemcachedDeploymentDependentResource().build(library, inputs).getSpec().getReplicas());
    replicas.put(
        "webapp",
        new WebappDeploymentDependentResource().build(library, inputs).getSpec().getReplicas());
    replicas.put(
        "ranking-stream",
        new RankingStreamDeploymentDependentResource()
            .build(library, inputs)
            .getSpec()
            .getReplicas());
    replicas.put(
        "book-feed",
        new BookFeedDeploymentDependentResource().build(library, inputs).getSpec().getReplicas());
    return replicas;
  }
}
