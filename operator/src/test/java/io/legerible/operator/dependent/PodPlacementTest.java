package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.legerible.operator.api.Placement;
import io.legerible.operator.dependent.cassandra.CassandraDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokerDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaTopicsJobDependentResource;
import io.legerible.operator.dependent.webapp.WebappDisruptionBudgetDependentResource;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Where each component's pods may run, and how its replicas are kept apart and disrupted. */
class PodPlacementTest {

  @Test
  void eachComponentsPodsCarryThePlacementOfThatComponent() {
    var library =
        Libraries.city(
            spec -> {
              spec.webapp.placement = placement("web");
              spec.postgres.managed.placement = placement("db");
              spec.memcached.managed.placement = placement("cache");
              spec.kafka.managed.placement = placement("log");
              spec.cassandra.managed.placement = placement("lake");
              spec.bookFeed.placement = placement("feed");
              spec.analytics.placement = placement("spark");
            });

    Map<String, PodTemplateSpec> templates =
        new TreeMap<>(PodTemplateRolloutTest.templates(library, Libraries.inputs()));
    templates.put(
        "kafka-topics",
        new KafkaTopicsJobDependentResource()
            .build(library, Libraries.inputs())
            .getSpec()
            .getTemplate());

    Map<String, String> pool =
        Map.of(
            "webapp", "web",
            "postgres", "db",
            "memcached", "cache",
            "kafka", "log",
            "kafka-broker", "log",
            "kafka-topics", "log",
            "cassandra", "lake",
            "book-feed", "feed",
            "ranking-stream", "spark",
            "recommendations", "spark");
    assertThat(templates).containsOnlyKeys(pool.keySet());
    templates.forEach(
        (component, template) -> {
          var pod = template.getSpec();
          String expected = pool.get(component);
          assertThat(pod.getNodeSelector()).as(component).containsOnly(Map.entry("pool", expected));
          assertThat(pod.getPriorityClassName()).as(component).isEqualTo(expected + "-critical");
          assertThat(pod.getTolerations())
              .as(component)
              .extracting(
                  Toleration::getKey,
                  Toleration::getOperator,
                  Toleration::getValue,
                  Toleration::getEffect,
                  Toleration::getTolerationSeconds)
              .containsExactly(
                  tuple("dedicated", "Equal", expected, "NoSchedule", null),
                  tuple("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 30L));
        });
  }

  @Test
  void withoutPlacementTheClusterSchedulesThePodsAnywhere() {
    PodTemplateRolloutTest.templates(Libraries.city(), Libraries.inputs())
        .forEach(
            (component, template) -> {
              assertThat(template.getSpec().getNodeSelector()).as(component).isNullOrEmpty();
              assertThat(template.getSpec().getTolerations()).as(component).isNullOrEmpty();
              assertThat(template.getSpec().getPriorityClassName()).as(component).isNull();
            });
  }

  @Test
  void replicasOfWebappKafkaAndCassandraPreferSeparateNodesWithoutRequiringThem() {
    var templates =
        PodTemplateRolloutTest.templates(
            Libraries.city(
                spec -> {
                  spec.kafka.managed.replicas = 5;
                  spec.cassandra.managed.replicas = 3;
                }),
            Libraries.inputs());

    for (String component : List.of("webapp", "kafka", "kafka-broker", "cassandra")) {
      var template = templates.get(component);
      assertThat(template.getSpec().getTopologySpreadConstraints())
          .as(component)
          .singleElement()
          .satisfies(
              spread -> {
                assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                assertThat(spread.getMaxSkew()).isEqualTo(1);
                assertThat(template.getMetadata().getLabels())
                    .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
              });
      assertThat(template.getSpec().getAffinity()).as(component).isNull();
    }
    assertThat(templates.get("postgres").getSpec().getTopologySpreadConstraints()).isNullOrEmpty();
  }

  @Test
  void disruptionBudgetsLetOnePodOfTheirOwnComponentGoAtATime() {
    var library = Libraries.city();
    var inputs = Libraries.inputs();
    var templates = PodTemplateRolloutTest.templates(library, inputs);
    var budgets =
        Map.of(
            "webapp", new WebappDisruptionBudgetDependentResource().build(library, inputs),
            "kafka", new KafkaDisruptionBudgetDependentResource().build(library, inputs),
            "kafka-broker",
                new KafkaBrokerDisruptionBudgetDependentResource().build(library, inputs),
            "cassandra", new CassandraDisruptionBudgetDependentResource().build(library, inputs));

    budgets.forEach(
        (component, budget) -> {
          assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
          assertThat(budget.getMetadata().getName()).isEqualTo("legerible-city-" + component);
          assertThat(budget.getMetadata().getNamespace()).isEqualTo("town");
          assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
          assertThat(budget.getSpec().getMinAvailable()).isNull();
          var selected = budget.getSpec().getSelector().getMatchLabels();
          templates.forEach(
              (other, template) -> {
                boolean selectsThesePods =
                    template.getMetadata().getLabels().entrySet().containsAll(selected.entrySet());
                assertThat(selectsThesePods)
                    .as("%s budget selects %s pods", component, other)
                    .isEqualTo(other.equals(component));
              });
        });
  }

  /**
   * Nodes labelled pool={@code pool}, their taint dedicated={@code pool}, and unreachable nodes.
   */
  private static Placement placement(String pool) {
    Placement placement = new Placement();
    placement.nodeSelector = Map.of("pool", pool);
    placement.priorityClassName = pool + "-critical";
    var dedicated = new Placement.Toleration();
    dedicated.key = "dedicated";
    dedicated.operator = Placement.TolerationOperator.EQUAL;
    dedicated.value = pool;
    dedicated.effect = Placement.TaintEffect.NO_SCHEDULE;
    var unreachable = new Placement.Toleration();
    unreachable.key = "node.kubernetes.io/unreachable";
    unreachable.operator = Placement.TolerationOperator.EXISTS;
    unreachable.effect = Placement.TaintEffect.NO_EXECUTE;
    unreachable.tolerationSeconds = 30L;
    placement.tolerations = List.of(dedicated, unreachable);
    return placement;
  }
}
