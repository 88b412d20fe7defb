package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.ComponentReadiness;
import io.legerible.operator.status.WorkloadReadiness;
import java.util.List;

/** Activation and ready conditions of the library workflow. */
public final class WorkflowConditions {

  private WorkflowConditions() {}

  /** Active when the operator runs PostgreSQL. */
  public static class PostgresManaged implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().postgres.managedByOperator();
    }
  }

  /** Active when the operator runs memcached. */
  public static class MemcachedManaged implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().memcached.managedByOperator();
    }
  }

  /** Active when the operator runs Kafka. */
  public static class KafkaManaged implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().kafka.managedByOperator();
    }
  }

  /** Active when the operator runs Cassandra. */
  public static class CassandraManaged implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().cassandra.managedByOperator();
    }
  }

  /** Active when the ranking stream is enabled. */
  public static class RankingStreamEnabled implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return Boolean.TRUE.equals(library.getSpec().analytics.rankingStream.enabled);
    }
  }

  /** Active when the book feed is enabled. */
  public static class BookFeedEnabled implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return Boolean.TRUE.equals(library.getSpec().bookFeed.enabled);
    }
  }

  /** Active when the library asks for an Ingress. */
  public static class IngressRequested implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return library.getSpec().webapp.ingress != null;
    }
  }

  /** Ready when the dependent's StatefulSet has rolled out to ready replicas. */
  public static class StatefulSetReady implements Condition<StatefulSet, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<StatefulSet, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return dependent
          .getSecondaryResource(library, context)
          .map(s -> WorkloadReadiness.statefulSet(s.getMetadata().getName(), s, List.of()).ready())
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
      return dependent
          .getSecondaryResource(library, context)
          .map(d -> WorkloadReadiness.deployment(d.getMetadata().getName(), d, List.of()).ready())
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
      return dependent
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
      return ComponentReadiness.backingServicesReady(library, Observations.of(context));
    }
  }

  /** The website's settings are ready once analytics and the feed run as asked. */
  public static class AnalyticsReady implements Condition<HasMetadata, LegeribleLibrary> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, LegeribleLibrary> dependent,
        LegeribleLibrary library,
        Context<LegeribleLibrary> context) {
      return ComponentReadiness.analytics(library, Observations.of(context)).ready();
    }
  }
}
