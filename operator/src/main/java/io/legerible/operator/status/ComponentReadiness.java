package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.dependent.kafka.KafkaTopicsJobDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness of each of the six components a library reports, from what is observed. Pure; the
 * workflow's ready-postconditions use the same judgement, so ordering and status agree.
 */
public final class ComponentReadiness {

  /** Component names in status.components, in order. */
  public static final List<String> COMPONENTS =
      List.of("postgres", "memcached", "kafka", "cassandra", "analytics", "webapp");

  private ComponentReadiness() {}

  /** Readiness of every component, keyed by {@link #COMPONENTS} name. */
  public static Map<String, Readiness> evaluate(
      LegeribleLibrary library, LibraryObservation observed) {
    Map<String, Readiness> result = new LinkedHashMap<>();
    if (library.getSpec().hibernating()) {
      for (String component : COMPONENTS) {
        result.put(component, hibernated(library, component));
      }
      return result;
    }
    result.put("postgres", postgres(library, observed));
    result.put("memcached", memcached(library, observed));
    result.put("kafka", kafka(library, observed));
    result.put("cassandra", cassandra(library, observed));
    result.put("analytics", analytics(library, observed));
    result.put("webapp", webapp(library, observed));
    return result;
  }

  /** Condition type of a component name. */
  public static String conditionType(String component) {
    return switch (component) {
      case "postgres" -> ConditionTypes.POSTGRES_READY;
      case "memcached" -> ConditionTypes.MEMCACHED_READY;
      case "kafka" -> ConditionTypes.KAFKA_READY;
      case "cassandra" -> ConditionTypes.CASSANDRA_READY;
      case "analytics" -> ConditionTypes.ANALYTICS_READY;
      case "webapp" -> ConditionTypes.WEBAPP_READY;
      default -> throw new IllegalArgumentException("unknown component " + component);
    };
  }

  /** Whether the component is run by the operator or external. */
  public static String mode(LegeribleLibrary library, String component) {
    LegeribleLibrarySpec spec = library.getSpec();
    boolean managed =
        switch (component) {
          case "postgres" -> spec.postgres.managedByOperator();
          case "memcached" -> spec.memcached.managedByOperator();
          case "kafka" -> spec.kafka.managedByOperator();
          case "cassandra" -> spec.cassandra.managedByOperator();
          default -> true;
        };
    return managed ? "Managed" : "External";
  }

  /** PostgreSQL: its StatefulSet, or the external server as configured. */
  public static Readiness postgres(LegeribleLibrary library, LibraryObservation observed) {
    var spec = library.getSpec().postgres;
    if (!spec.managedByOperator()) {
      return external("PostgreSQL", DataPathReport.POSTGRES, spec.external.endpoints, observed);
    }
    String name = LibraryNaming.name(library, Component.POSTGRES);
    return WorkloadReadiness.statefulSet(
        name, observed.statefulSets().get(name), observed.podsOf(Component.POSTGRES));
  }

  /** memcached: its Deployment, or the external servers. */
  public static Readiness memcached(LegeribleLibrary library, LibraryObservation observed) {
    var spec = library.getSpec().memcached;
    if (!spec.managedByOperator()) {
      return external("memcached", null, spec.external.endpoints, observed);
    }
    String name = LibraryNaming.name(library, Component.MEMCACHED);
    return WorkloadReadiness.deployment(
        name, observed.deployments().get(name), observed.podsOf(Component.MEMCACHED));
  }

  /** Kafka's brokers: the StatefulSet when managed, else the external brokers. */
  public static Readiness kafkaBrokers(LegeribleLibrary library, LibraryObservation observed) {
    var spec = library.getSpec().kafka;
    if (!spec.managedByOperator()) {
      return external("Kafka", null, spec.external.endpoints, observed);
    }
    String name = LibraryNaming.name(library, Component.KAFKA);
    Readiness controllers =
        WorkloadReadiness.statefulSet(
            name, observed.statefulSets().get(name), observed.podsOf(Component.KAFKA));
    String brokerNodes = LibraryNaming.name(library, Component.KAFKA_BROKER);
    StatefulSet brokers = observed.statefulSets().get(brokerNodes);
    if (!controllers.ready() || brokers == null) {
      return controllers;
    }
    return WorkloadReadiness.statefulSet(
        brokerNodes, brokers, observed.podsOf(Component.KAFKA_BROKER));
  }

  /** Kafka: the brokers, then the topics Job. */
  public static Readiness kafka(LegeribleLibrary library, LibraryObservation observed) {
    Readiness brokers = kafkaBrokers(library, observed);
    if (!brokers.ready()) {
      return brokers;
    }
    String job = LibraryNaming.kafkaTopicsJob(library);
    Job topicsJob = observed.jobs().get(job);
    String wanted = KafkaTopicsJobDependentResource.settings(library);
    String ran =
        topicsJob == null || topicsJob.getMetadata().getAnnotations() == null
            ? null
            : topicsJob
                .getMetadata()
                .getAnnotations()
                .get(KafkaTopicsJobDependentResource.SETTINGS_ANNOTATION);
    if (topicsJob != null && !wanted.equals(ran)) {
      return Readiness.notReady(
          WorkloadReadiness.ROLLING_OUT,
          "Job " + job + " applied " + ran + "; it runs again to apply " + wanted);
    }
    Readiness topics = WorkloadReadiness.job(job, topicsJob);
    return topics.ready()
        ? Readiness.ready(brokers.message() + "; topics created by " + job)
        : new Readiness(false, topics.reason(), topics.message());
  }

  /** Cassandra: its StatefulSet, or the external cluster. */
  public static Readiness cassandra(LegeribleLibrary library, LibraryObservation observed) {
    var spec = library.getSpec().cassandra;
    if (!spec.managedByOperator()) {
      return external("Cassandra", DataPathReport.CASSANDRA, spec.external.endpoints, observed);
    }
    String name = LibraryNaming.name(library, Component.CASSANDRA);
    return WorkloadReadiness.statefulSet(
        name, observed.statefulSets().get(name), observed.podsOf(Component.CASSANDRA));
  }

  /**
   * Analytics and feed: the stream and the feed when enabled, and the recommendations schedule with
   * runs that do not keep failing.
   */
  public static Readiness analytics(LegeribleLibrary library, LibraryObservation observed) {
    List<String> ready = new ArrayList<>();
    for (Readiness part :
        List.of(
            rankingStream(library, observed),
            recommendations(library, observed),
            bookFeed(library, observed))) {
      if (!part.ready()) {
        return part;
      }
      if (!DISABLED.equals(part.reason())) {
        ready.add(part.message());
      }
    }
    return Readiness.ready(String.join("; ", ready));
  }

  /** The ranking stream's Deployment (its driver and executors run as its pod's application). */
  public static Readiness rankingStream(LegeribleLibrary library, LibraryObservation observed) {
    if (!Boolean.TRUE.equals(library.getSpec().analytics.rankingStream.enabled)) {
      return disabled("the ranking stream is disabled in the spec");
    }
    String name = LibraryNaming.name(library, Component.RANKING_STREAM);
    return WorkloadReadiness.deployment(
        name, observed.deployments().get(name), observed.podsOf(Component.RANKING_STREAM));
  }

  /** The recommendations schedule, and its runs unless the last two both failed. */
  public static Readiness recommendations(LegeribleLibrary library, LibraryObservation observed) {
    var spec = library.getSpec().analytics.recommendations;
    return scheduled(
        LibraryNaming.name(library, Component.RECOMMENDATIONS),
        spec.schedule,
        Boolean.TRUE.equals(spec.suspend),
        observed);
  }

  /**
   * A CronJob named {@code name} on {@code schedule}: ready unless its last two runs failed, or,
   * when not {@code suspended}, the schedule fired twice since its last success without a run
   * failing.
   */
  public static Readiness scheduled(
      String name, String schedule, boolean suspended, LibraryObservation observed) {
    CronJob cronJob = observed.cronJobs().get(name);
    if (cronJob == null) {
      return Readiness.notReady("Missing", "CronJob " + name + " does not exist yet");
    }
    String described =
        "CronJob " + name + (suspended ? " suspended" : " scheduled '" + schedule + "'");
    List<Job> runs =
        observed.jobs().values().stream()
            .filter(
                job ->
                    job.getMetadata().getOwnerReferences() != null
                        && job.getMetadata().getOwnerReferences().stream()
                            .anyMatch(
                                owner ->
                                    "CronJob".equals(owner.getKind())
                                        && name.equals(owner.getName())))
            .toList();
    Readiness runsSoFar = WorkloadReadiness.scheduledRuns(described, runs, observed.pods());
    if (!runsSoFar.ready() || suspended) {
      return runsSoFar;
    }
    int due = RunSchedule.runsDueSinceLastSuccess(schedule, cronJob, observed.observedAt());
    if (due >= 2) {
      // The schedule fired twice without a success and no run failed: runs hang or never start.
      List<String> active =
          cronJob.getStatus() == null || cronJob.getStatus().getActive() == null
              ? List.of()
              : cronJob.getStatus().getActive().stream().map(ObjectReference::getName).toList();
      return Readiness.notReady(
          RunSchedule.RUNS_OVERDUE,
          described
              + ": "
              + due
              + " scheduled runs since "
              + RunSchedule.lastSuccessOrCreation(cronJob)
              + " and none succeeded"
              + (active.isEmpty()
                  ? ", none is running"
                  : "; still running: Job " + String.join(", Job ", active)));
    }
    return runsSoFar;
  }

  /** The book feed's Deployment. */
  public static Readiness bookFeed(LegeribleLibrary library, LibraryObservation observed) {
    if (!Boolean.TRUE.equals(library.getSpec().bookFeed.enabled)) {
      return disabled("the book feed is disabled in the spec");
    }
    String name = LibraryNaming.name(library, Component.BOOK_FEED);
    return WorkloadReadiness.deployment(
        name, observed.deployments().get(name), observed.podsOf(Component.BOOK_FEED));
  }

  /** Reason of every component while the library hibernates (not ready: it serves nothing). */
  public static final String HIBERNATED = "Hibernated";

  private static Readiness hibernated(LegeribleLibrary library, String component) {
    return Readiness.notReady(
        HIBERNATED,
        "External".equals(mode(library, component))
            ? "Not used while spec.hibernate is true"
            : "Scaled to zero while spec.hibernate is true");
  }

  /** Reason of a part turned off in the spec (counted as ready: nothing was asked of it). */
  public static final String DISABLED = "Disabled";

  private static Readiness disabled(String message) {
    return new Readiness(true, DISABLED, message);
  }

  /** The website's Deployment. */
  public static Readiness webapp(LegeribleLibrary library, LibraryObservation observed) {
    String name = LibraryNaming.name(library, Component.WEBAPP);
    return WorkloadReadiness.deployment(
        name, observed.deployments().get(name), observed.podsOf(Component.WEBAPP));
  }

  /**
   * Whether the backing services serve (Kafka's brokers, not yet its topics: the topics Job runs
   * once they do).
   */
  public static boolean backingServicesReady(
      LegeribleLibrary library, LibraryObservation observed) {
    return postgres(library, observed).ready()
        && memcached(library, observed).ready()
        && kafkaBrokers(library, observed).ready()
        && cassandra(library, observed).ready();
  }

  /**
   * An external service is ready when at least one of its endpoints accepts a connection (its
   * clients fail over among them) and the data-path probe, using the programs' settings and
   * credentials, was not refused there ({@code hop}: its hop on the path; null for none).
   */
  private static Readiness external(
      String what, String hop, List<String> endpoints, LibraryObservation observed) {
    List<String> down =
        endpoints.stream().filter(observed.unreachableEndpoints()::containsKey).toList();
    String using = "external " + what + " at " + String.join(",", endpoints);
    var refused =
        hop == null || observed.dataPath() == null
            ? Optional.<String>empty()
            : observed.dataPath().clientFailureAt(hop);
    if (down.isEmpty() && refused.isPresent()) {
      return Readiness.notReady(
          "ExternalRefused", "Using " + using + " with the programs' settings: " + refused.get());
    }
    if (down.isEmpty()) {
      return new Readiness(true, "External", "Using " + using);
    }
    String failures =
        String.join(
            "; ",
            down.stream().map(e -> e + ": " + observed.unreachableEndpoints().get(e)).toList());
    if (down.size() == endpoints.size()) {
      return Readiness.notReady(
          "ExternalUnreachable", "Cannot connect to " + using + " (" + failures + ")");
    }
    return new Readiness(true, "External", "Using " + using + "; not answering: " + failures);
  }
}
