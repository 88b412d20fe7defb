package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which pod templates change (and so roll) when a Secret or ConfigMap they read changes. */
class PodTemplateRolloutTest {

  static final String POSTGRES = "legerible-city-postgres-credentials";
  static final String DEMO = "legerible-city-webapp-demo-credentials";

  @Test
  void changedDemoPasswordRollsOnlyTheWebsite() {
    assertThat(
            rolled(
                Map.of(POSTGRES, "p", DEMO, "d1"),
                Map.of(POSTGRES, "p", DEMO, "d2"),
                Libraries.city(),
                Libraries.city()))
        .containsExactly("webapp");
  }

  @Test
  void changedDatabasePasswordRollsTheServerAndEveryClientButNotTheOtherServices() {
    assertThat(
            rolled(
                Map.of(POSTGRES, "p1", DEMO, "d"),
                Map.of(POSTGRES, "p2", DEMO, "d"),
                Libraries.city(),
                Libraries.city()))
        .containsExactlyInAnyOrder(
            "book-feed", "postgres", "ranking-stream", "recommendations", "webapp");
  }

  @Test
  void changedConnectionContractRollsEveryProcessOfOursButNoBackingService() {
    var before = Libraries.city();
    var after = Libraries.city(spec -> spec.cassandra.replicationFactor = 1);
    after.getSpec().cassandra.keyspace = "lake";
    assertThat(rolled(Map.of(), Map.of(), before, after))
        .containsExactlyInAnyOrder("book-feed", "ranking-stream", "recommendations", "webapp");
  }

  @Test
  void sameInputsGiveIdenticalTemplates() {
    assertThat(
            rolled(
                Map.of(POSTGRES, "p", DEMO, "d"),
                Map.of(POSTGRES, "p", DEMO, "d"),
                Libraries.city(),
                Libraries.city()))
        .isEmpty();
  }

  static List<String> rolled(
      Map<String, String> hashesBefore,
      Map<String, String> hashesAfter,
      LegeribleLibrary before,
      LegeribleLibrary after) {
    Map<String, PodTemplateSpec> first = templates(before, Libraries.inputs(hashesBefore));
    Map<String, PodTemplateSpec> second = templates(after, Libraries.inputs(hashesAfter));
    List<String> changed = new ArrayList<>();
    first.forEach(
        (name, template) -> {
          if (!template.equals(second.get(name))) {
            changed.add(name);
          }
        });
    return changed;
  }

  static Map<String, PodTemplateSpec> templates(LegeribleLibrary library, DesiredInputs inputs) {
    Map<String, PodTemplateSpec> templates = new TreeMap<>();
    templates.put(
        "postgres",
        new PostgresStatefulSetDependentResource().build(library, inputs).getSpec().getTemplate());
    templates.put(
        "memcached",
        new MemcachedDeploymentDependentResource().build(library, inputs).getSpec().getTemplate());
    templates.put(
        "kafka",
        new KafkaStatefulSetDependentResource().build(library, inputs).getSpec().getTemplate());
    templates.put(
        "cassandra",
        new CassandraStatefulSetDependentResource().build(library, inputs).getSpec().getTemplate());
    templates.put(
        "ranking-stream",
        new RankingStreamDeploymentDependentResource()
            .build(library, inputs)
            .getSpec()
            .getTemplate());
    templates.put(
        "recommendations",
        new RecommendationsCronJobDependentResource()
            .build(library, inputs)
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate());
    templates.put(
        "book-feed",
        new BookFeedDeploymentDependentResource().build(library, inputs).getSpec().getTemplate());
    templates.put(
        "webapp",
        new WebappDeploymentDependentResource().build(library, inputs).getSpec().getTemplate());
    return templates;
  }
}
