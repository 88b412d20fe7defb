package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.dependent.kafka.KafkaBrokers;
import io.legerible.operator.status.ComponentReadiness;
import io.legerible.operator.status.WorkloadReadiness;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reconcile preconditions and ready conditions of the library workflow. A library's choices
 * (managed or external, a feature on or off) are preconditions, never JOSDK activation conditions:
 * an activation condition registers and stops the dependent's informer for every library at once,
 * so one library with an external memcached would blind the operator to every other library's
 * memcached.
 */
public final class WorkflowConditions {

  private WorkflowConditions() {}

  /**
   * A condition that depends on the spec alone. JOSDK instantiates workflow conditions by class, so
   * each one below is a named subclass holding its predicate.
   */
  abstract static class SpecCondition implements Condition<HasMetadata, LegeribleLibrary> {
    private final Predicate<LegeribleLibrarySpec> predicate;

    SpecCondition(Predicate<LegeribleLibrarySpec> predicate) {
      this.predicate = predicate;
    }

    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return predicate.test(library.getSpec());
    }
  }

  /** Active when the operator runs PostgreSQL. */
  public static class PostgresManaged extends SpecCondition {
    public PostgresManaged() {
      super(spec -> spec.postgres.managedByOperator());
    }
  }

  /** Active when the operator runs PostgreSQL and backs it up. */
  public static class PostgresBackedUp extends SpecCondition {
    public PostgresBackedUp() {
      super(spec -> spec.postgres.managedByOperator() && spec.postgres.managed.backup != null);
    }
  }

  /** Active when the operator runs PostgreSQL and creates it from a backup. */
  public static class PostgresRestored extends SpecCondition {
    public PostgresRestored() {
      super(spec -> spec.postgres.managedByOperator() && spec.postgres.managed.restoreFrom != null);
    }
  }

  /** Active when the operator runs memcached. */
  public static class MemcachedManaged extends SpecCondition {
    public MemcachedManaged() {
      super(spec -> spec.memcached.managedByOperator());
    }
  }

  /** Active when the operator runs Kafka. */
  public static class KafkaManaged extends SpecCondition {
    public KafkaManaged() {
      super(spec -> spec.kafka.managedByOperator());
    }
  }

  /** Active when the operator runs Cassandra. */
  public static class CassandraManaged extends SpecCondition {
    public CassandraManaged() {
      super(spec -> spec.cassandra.managedByOperator());
    }
  }

  /** Active when the ranking stream is enabled. */
  public static class RankingStreamEnabled extends SpecCondition {
    public RankingStreamEnabled() {
      super(spec -> Boolean.TRUE.equals(spec.analytics.rankingStream.enabled));
    }
  }

  /** Active when the book feed is enabled. */
  public static class BookFeedEnabled extends SpecCondition {
    public BookFeedEnabled() {
      super(spec -> Boolean.TRUE.equals(spec.bookFeed.enabled));
    }
  }

  /** Active when the library asks for an Ingress. */
  public static class IngressRequested extends SpecCondition {
    public IngressRequested() {
      super(spec -> spec.webapp.ingress != null);
    }
  }

  /** Active when the website runs more than one pod, so one can be disrupted at a time. */
  public static class WebappReplicated extends SpecCondition {
    public WebappReplicated() {
      super(spec -> spec.webapp.replicas > 1);
    }
  }

  /**
   * Active when the operator runs the library's Kafka and this reconciliation's step of {@link
   * KafkaBrokers} (the nodes its StatefulSets get meanwhile) passes a test.
   */
  abstract static class KafkaStepCondition implements Condition<HasMetadata, LegeribleLibrary> {
    private final Predicate<KafkaBrokers.Step> test;

    KafkaStepCondition(Predicate<KafkaBrokers.Step> test) {
      this.test = test;
    }

    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().kafka.managedByOperator()
          && KafkaBrokers.shared(context).map(test::test).orElse(false);
    }
  }

  /**
   * Active when the library's Kafka has more than one controller node: the controllers are fixed
   * when Kafka is formed, so a library grown from one broker keeps one, and a budget for a single
   * pod guards nothing.
   */
  public static class KafkaControllersReplicated extends KafkaStepCondition {
    public KafkaControllersReplicated() {
      super(step -> step.controllers() > 1);
    }
  }

  /** Active while the step gives the library's Kafka more broker-only nodes than a threshold. */
  abstract static class BrokerNodesAbove extends KafkaStepCondition {
    BrokerNodesAbove(int threshold) {
      super(step -> step.brokerNodes() > threshold);
    }
  }

  /**
   * Active while the library's Kafka has broker-only nodes, or is still moving partitions off the
   * last of them.
   */
  public static class KafkaBrokerNodes extends BrokerNodesAbove {
    public KafkaBrokerNodes() {
      super(0);
    }
  }

  /** Active while the library's Kafka has more than one broker-only node. */
  public static class KafkaBrokerNodesReplicated extends BrokerNodesAbove {
    public KafkaBrokerNodesReplicated() {
      super(1);
    }
  }

  /** Active when the operator runs Cassandra on more than one node. */
  public static class CassandraReplicated extends SpecCondition {
    public CassandraReplicated() {
      super(spec -> spec.cassandra.managedByOperator() && spec.cassandra.managed.replicas > 1);
    }
  }

  /**
   * Active unless a hibernating library has not run its one-shot Job yet: it would fail against
   * Kafka scaled to zero. A Job already run stays, and so does what the workflow hangs below it.
   */
  public static class AwakeOrAlreadyRun implements Condition<Job, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<Job, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return !library.getSpec().hibernating()
          || dependent.getSecondaryResource(library, context).isPresent();
    }
  }

  /**
   * Ready when the dependent's StatefulSet has rolled out to ready replicas. While the library
   * hibernates every gate below is open, so that one pass scales every tier to zero.
   */
  public static class StatefulSetReady implements Condition<StatefulSet, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<StatefulSet, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().hibernating()
          || dependent
              .getSecondaryResource(library, context)
              .map(
                  s ->
                      WorkloadReadiness.statefulSet(s.getMetadata().getName(), s, List.of())
                          .ready())
              .orElse(false);
    }
  }

  /** Ready when the dependent's Deployment has rolled out to available replicas. */
  public static class DeploymentReady implements Condition<Deployment, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<Deployment, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().hibernating()
          || dependent
              .getSecondaryResource(library, context)
              .map(
                  d ->
                      WorkloadReadiness.deployment(d.getMetadata().getName(), d, List.of()).ready())
              .orElse(false);
    }
  }

  /** Ready when the dependent's Job has succeeded. */
  public static class JobSucceeded implements Condition<Job, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<Job, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().hibernating()
          || dependent
              .getSecondaryResource(library, context)
              .map(j -> WorkloadReadiness.job(j.getMetadata().getName(), j).ready())
              .orElse(false);
    }
  }

  /**
   * The connection contract is ready when the services it names serve: gates the jobs, the feed and
   * the website behind the backing services, managed or external alike.
   */
  public static class BackingServicesReady implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().hibernating()
          || ComponentReadiness.backingServicesReady(library, Observations.of(context));
    }
  }
}
