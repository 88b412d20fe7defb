package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.datapath.DataPathProbes;
import io.legerible.operator.dependent.DriftLog;
import io.legerible.operator.dependent.VolumeExpansion;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraRing;
import io.legerible.operator.dependent.cassandra.CassandraServiceDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.cassandra.PodNodetool;
import io.legerible.operator.dependent.cassandra.RingCql;
import io.legerible.operator.dependent.kafka.ClusterAdmin;
import io.legerible.operator.dependent.kafka.KafkaBrokerDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokerServiceDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokerStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokers;
import io.legerible.operator.dependent.kafka.KafkaDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaServiceDependentResource;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaTopicsJobDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedServiceDependentResource;
import io.legerible.operator.dependent.platform.PlatformConfigMapDependentResource;
import io.legerible.operator.dependent.postgres.PasswordRotation;
import io.legerible.operator.dependent.postgres.PostgresBackupClaimDependentResource;
import io.legerible.operator.dependent.postgres.PostgresBackupCronJobDependentResource;
import io.legerible.operator.dependent.postgres.PostgresCredentialsDependentResource;
import io.legerible.operator.dependent.postgres.PostgresRestoreScriptsDependentResource;
import io.legerible.operator.dependent.postgres.PostgresServiceDependentResource;
import io.legerible.operator.dependent.postgres.PostgresStatefulSetDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingCheckpointClaimDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.dependent.spark.SparkRoleBindingDependentResource;
import io.legerible.operator.dependent.spark.SparkRoleDependentResource;
import io.legerible.operator.dependent.spark.SparkServiceAccountDependentResource;
import io.legerible.operator.dependent.webapp.DemoCredentialsDependentResource;
import io.legerible.operator.dependent.webapp.WebappConfigMapDependentResource;
import io.legerible.operator.dependent.webapp.WebappDeploymentDependentResource;
import io.legerible.operator.dependent.webapp.WebappDisruptionBudgetDependentResource;
import io.legerible.operator.dependent.webapp.WebappIngressDependentResource;
import io.legerible.operator.dependent.webapp.WebappServiceDependentResource;
import io.legerible.operator.metrics.LibraryMetrics;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.reconciler.WorkflowConditions.AwakeOrAlreadyRun;
import io.legerible.operator.reconciler.WorkflowConditions.BackingServicesReady;
import io.legerible.operator.reconciler.WorkflowConditions.BookFeedEnabled;
import io.legerible.operator.reconciler.WorkflowConditions.CassandraManaged;
import io.legerible.operator.reconciler.WorkflowConditions.CassandraReplicated;
import io.legerible.operator.reconciler.WorkflowConditions.DeploymentReady;
import io.legerible.operator.reconciler.WorkflowConditions.IngressRequested;
import io.legerible.operator.reconciler.WorkflowConditions.JobSucceeded;
import io.legerible.operator.reconciler.WorkflowConditions.KafkaBrokerNodes;
import io.legerible.operator.reconciler.WorkflowConditions.KafkaBrokerNodesReplicated;
import io.legerible.operator.reconciler.WorkflowConditions.KafkaControllersReplicated;
import io.legerible.operator.reconciler.WorkflowConditions.KafkaManaged;
import io.legerible.operator.reconciler.WorkflowConditions.MemcachedManaged;
import io.legerible.operator.reconciler.WorkflowConditions.PostgresBackedUp;
import io.legerible.operator.reconciler.WorkflowConditions.PostgresManaged;
import io.legerible.operator.reconciler.WorkflowConditions.PostgresRestored;
import io.legerible.operator.reconciler.WorkflowConditions.RankingStreamEnabled;
import io.legerible.operator.reconciler.WorkflowConditions.StatefulSetReady;
import io.legerible.operator.reconciler.WorkflowConditions.WebappReplicated;
import io.legerible.operator.status.LibraryObservation;
import io.legerible.operator.status.LibraryStatusAssembler;
import io.legerible.operator.status.Reconciliation;
import io.legerible.operator.status.WorkloadReadiness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reconciles a LegeribleLibrary: checks the spec, runs the workflow (backing services, then the
 * website, which owns the schema, then analytics and the feed; the website never waits on
 * analytics) unless the spec is invalid or paused, and only assembles status. Writes status only
 * when it changed. A reconciliation that failed twice in a row is reported on the resource
 * (Ready=False, ReconcileError, and an Event); failures are retried without limit, at most a minute
 * apart: a quota or a role fixed later must heal the library without anyone touching it.
 */
@ControllerConfiguration(name = LegeribleLibraryReconciler.NAME)
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 2_000,
    intervalMultiplier = 1.5,
    maxInterval = 60_000)
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(
          name = "postgres-credentials",
          type = PostgresCredentialsDependentResource.class,
          reconcilePrecondition = PostgresManaged.class),
      @Dependent(
          name = "postgres-service",
          type = PostgresServiceDependentResource.class,
          reconcilePrecondition = PostgresManaged.class),
      @Dependent(
          name = "postgres-statefulset",
          type = PostgresStatefulSetDependentResource.class,
          dependsOn = "postgres-credentials",
          reconcilePrecondition = PostgresManaged.class,
          readyPostcondition = StatefulSetReady.class),
      // Not below the StatefulSet: a dependent whose precondition fails takes its dependents with
      // it.
      @Dependent(
          name = "postgres-restore-scripts",
          type = PostgresRestoreScriptsDependentResource.class,
          reconcilePrecondition = PostgresRestored.class),
      @Dependent(
          name = "postgres-backup-claim",
          type = PostgresBackupClaimDependentResource.class,
          reconcilePrecondition = PostgresBackedUp.class),
      @Dependent(
          name = "postgres-backup",
          type = PostgresBackupCronJobDependentResource.class,
          dependsOn = {"postgres-credentials", "postgres-backup-claim"},
          reconcilePrecondition = PostgresBackedUp.class),
      @Dependent(
          name = "memcached-service",
          type = MemcachedServiceDependentResource.class,
          reconcilePrecondition = MemcachedManaged.class),
      @Dependent(
          name = "memcached-deployment",
          type = MemcachedDeploymentDependentResource.class,
          reconcilePrecondition = MemcachedManaged.class,
          readyPostcondition = DeploymentReady.class),
      @Dependent(
          name = "kafka-service",
          type = KafkaServiceDependentResource.class,
          reconcilePrecondition = KafkaManaged.class),
      @Dependent(
          name = "kafka-statefulset",
          type = KafkaStatefulSetDependentResource.class,
          reconcilePrecondition = KafkaManaged.class,
          readyPostcondition = StatefulSetReady.class),
      @Dependent(
          name = "kafka-disruption-budget",
          type = KafkaDisruptionBudgetDependentResource.class,
          reconcilePrecondition = KafkaControllersReplicated.class),
      @Dependent(
          name = "kafka-broker-service",
          type = KafkaBrokerServiceDependentResource.class,
          reconcilePrecondition = KafkaBrokerNodes.class),
      @Dependent(
          name = "kafka-broker-statefulset",
          type = KafkaBrokerStatefulSetDependentResource.class,
          reconcilePrecondition = KafkaBrokerNodes.class,
          readyPostcondition = StatefulSetReady.class),
      @Dependent(
          name = "kafka-broker-disruption-budget",
          type = KafkaBrokerDisruptionBudgetDependentResource.class,
          reconcilePrecondition = KafkaBrokerNodesReplicated.class),
      @Dependent(
          name = "cassandra-service",
          type = CassandraServiceDependentResource.class,
          reconcilePrecondition = CassandraManaged.class),
      @Dependent(
          name = "cassandra-statefulset",
          type = CassandraStatefulSetDependentResource.class,
          reconcilePrecondition = CassandraManaged.class,
          readyPostcondition = StatefulSetReady.class),
      @Dependent(
          name = "cassandra-disruption-budget",
          type = CassandraDisruptionBudgetDependentResource.class,
          reconcilePrecondition = CassandraReplicated.class),
      // First tier, not after the website's Deployment: it protects the pods from their start.
      @Dependent(
          name = "webapp-disruption-budget",
          type = WebappDisruptionBudgetDependentResource.class,
          reconcilePrecondition = WebappReplicated.class),
      @Dependent(name = "demo-credentials", type = DemoCredentialsDependentResource.class),
      @Dependent(
          name = "platform-config",
          type = PlatformConfigMapDependentResource.class,
          readyPostcondition = BackingServicesReady.class),
      @Dependent(
          name = "kafka-topics",
          type = KafkaTopicsJobDependentResource.class,
          dependsOn = "platform-config",
          reconcilePrecondition = AwakeOrAlreadyRun.class,
          readyPostcondition = JobSucceeded.class),
      @Dependent(
          name = "spark-serviceaccount",
          type = SparkServiceAccountDependentResource.class,
          dependsOn = "platform-config"),
      @Dependent(
          name = "spark-role",
          type = SparkRoleDependentResource.class,
          dependsOn = "platform-config"),
      @Dependent(
          name = "spark-rolebinding",
          type = SparkRoleBindingDependentResource.class,
          dependsOn = {"spark-serviceaccount", "spark-role"}),
      @Dependent(
          name = "webapp-config",
          type = WebappConfigMapDependentResource.class,
          dependsOn = "platform-config"),
      @Dependent(
          name = "webapp-deployment",
          type = WebappDeploymentDependentResource.class,
          dependsOn = {"webapp-config", "demo-credentials"},
          readyPostcondition = DeploymentReady.class),
      @Dependent(
          name = "webapp-service",
          type = WebappServiceDependentResource.class,
          dependsOn = "webapp-config"),
      @Dependent(
          name = "ranking-checkpoint",
          type = RankingCheckpointClaimDependentResource.class,
          dependsOn = "platform-config",
          reconcilePrecondition = RankingStreamEnabled.class),
      @Dependent(
          name = "ranking-stream",
          type = RankingStreamDeploymentDependentResource.class,
          dependsOn = {"kafka-topics", "webapp-deployment", "ranking-checkpoint"},
          reconcilePrecondition = RankingStreamEnabled.class,
          readyPostcondition = DeploymentReady.class),
      @Dependent(
          name = "recommendations",
          type = RecommendationsCronJobDependentResource.class,
          dependsOn = {"kafka-topics", "spark-rolebinding", "webapp-deployment"}),
      @Dependent(
          name = "book-feed",
          type = BookFeedDeploymentDependentResource.class,
          dependsOn = {"kafka-topics", "webapp-deployment"},
          reconcilePrecondition = BookFeedEnabled.class,
          readyPostcondition = DeploymentReady.class),
      @Dependent(
          name = "webapp-ingress",
          type = WebappIngressDependentResource.class,
          dependsOn = "webapp-service",
          reconcilePrecondition = IngressRequested.class)
    })
public class LegeribleLibraryReconciler implements Reconciler<LegeribleLibrary> {

  /** Controller name: also the field manager of everything it writes. */
  public static final String NAME = "legerible-operator";

  private final Clock clock;
  private final LibraryEvents events;
  private final LibraryMetrics metrics;
  private final DataPathProbes dataPath;

  /** A reconciler on the system clock, its metrics exported nowhere, probing no data path. */
  public LegeribleLibraryReconciler() {
    this(
        Clock.systemUTC(),
        LibraryMetrics.unregistered(),
        new DataPathProbes(null, Clock.systemUTC(), Duration.ZERO));
  }

  /**
   * A reconciler on {@code clock}, exporting per-library gauges through {@code metrics}, with each
   * library's data path checked by {@code dataPath}.
   */
  public LegeribleLibraryReconciler(Clock clock, LibraryMetrics metrics, DataPathProbes dataPath) {
    this.clock = clock;
    this.events = new LibraryEvents(clock);
    this.metrics = metrics;
    this.dataPath = dataPath;
  }

  @Override
  public List<EventSource<?, LegeribleLibrary>> prepareEventSources(
      EventSourceContext<LegeribleLibrary> context) {
    metrics.watch(context.getPrimaryCache());
    var pods =
        InformerEventSourceConfiguration.from(Pod.class, LegeribleLibrary.class)
            .withName("pods")
            .withLabelSelector(LibraryNaming.MANAGED_SELECTOR)
            .withItemStore(new PodSummaryStore())
            .withSecondaryToPrimaryMapper(LegeribleLibraryReconciler::libraryOf)
            .build();
    // The Jobs the recommendations CronJob starts: their outcome is part of the status.
    var recommendationRuns =
        InformerEventSourceConfiguration.from(Job.class, LegeribleLibrary.class)
            .withName("recommendation-runs")
            .withLabelSelector(LibraryNaming.COMPONENT_SELECTOR_PREFIX + "recommendations")
            .withSecondaryToPrimaryMapper(LegeribleLibraryReconciler::libraryOf)
            .build();
    // The Jobs of the PostgreSQL backup schedule: the newest success is part of the status.
    var backupRuns =
        InformerEventSourceConfiguration.from(Job.class, LegeribleLibrary.class)
            .withName("postgres-backup-runs")
            .withLabelSelector(LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres-backup")
            .withSecondaryToPrimaryMapper(LegeribleLibraryReconciler::libraryOf)
            .build();
    // The claims of the StatefulSets: how far growing them got is part of the status.
    var dataClaims =
        InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, LegeribleLibrary.class)
            .withName("data-claims")
            .withLabelSelector(
                LibraryNaming.MANAGED_SELECTOR
                    + ","
                    + LibraryNaming.COMPONENT_LABEL
                    + " in ("
                    + Stream.of(
                            Component.POSTGRES,
                            Component.KAFKA,
                            Component.KAFKA_BROKER,
                            Component.CASSANDRA)
                        .map(Component::label)
                        .collect(Collectors.joining(","))
                    + ")")
            .withSecondaryToPrimaryMapper(LegeribleLibraryReconciler::libraryOf)
            .build();
    // The Job giving the database role a rotated password: the rotation waits on its outcome.
    var passwordRotations =
        InformerEventSourceConfiguration.from(Job.class, LegeribleLibrary.class)
            .withName("postgres-password-rotations")
            .withLabelSelector(LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres-password")
            .withSecondaryToPrimaryMapper(LegeribleLibraryReconciler::libraryOf)
            .build();
    List<EventSource<?, LegeribleLibrary>> sources = new ArrayList<>();
    sources.add(new InformerEventSource<>(pods, context));
    sources.add(new InformerEventSource<>(passwordRotations, context));
    sources.add(new InformerEventSource<>(dataClaims, context));
    sources.add(new InformerEventSource<>(recommendationRuns, context));
    sources.add(new InformerEventSource<>(backupRuns, context));
    sources.add(ExternalCredentials.eventSource(context));
    if (dataPath.enabled()) {
      sources.add(dataPath.eventSource(context));
    }
    return sources;
  }

  /** The library an object belongs to, by its instance label. */
  private static Set<ResourceID> libraryOf(HasMetadata object) {
    var labels = object.getMetadata().getLabels();
    String library = labels == null ? null : labels.get(LibraryNaming.INSTANCE_LABEL);
    return library == null
        ? Set.of()
        : Set.of(new ResourceID(library, object.getMetadata().getNamespace()));
  }

  @Override
  public UpdateControl<LegeribleLibrary> reconcile(
      LegeribleLibrary library, Context<LegeribleLibrary> context) {
    List<String> problems = new ArrayList<>(SpecValidator.validate(library));
    problems.addAll(
        UnsafeChanges.refused(
            library, Observations.of(context).statefulSets(), DefaultImages.fromEnvironment()));
    boolean paused = Boolean.TRUE.equals(library.getSpec().paused);
    Reconciliation reconciliation =
        problems.isEmpty() ? Reconciliation.complete() : Reconciliation.invalid(problems);
    Map<Component, VolumeExpansion> expansions =
        VolumeExpansion.planAll(
            library,
            context.getSecondaryResources(PersistentVolumeClaim.class),
            storageClasses(context));
    PasswordRotation.Step rotation = PasswordRotation.Step.none();
    Optional<CassandraRing.Step> ring = Optional.empty();
    Optional<KafkaBrokers.Step> brokers = Optional.empty();
    if (problems.isEmpty() && !paused) {
      ExternalCredentials.watch(library, context);
      if (library.getSpec().kafka.managedByOperator()) {
        brokers = Optional.of(KafkaBrokers.advance(library, context, new ClusterAdmin(library)));
        KafkaBrokers.share(context, brokers.get());
      }
      if (library.getSpec().cassandra.managedByOperator()) {
        ring =
            Optional.of(
                CassandraRing.advance(
                    library,
                    context,
                    new PodNodetool(context.getClient(), library.getMetadata().getNamespace()),
                    new RingCql(library)));
        CassandraRing.share(context, ring.get());
      }
      DriftLog.start(context);
      VolumeExpansion.share(context, expansions);
      var workflow = context.managedWorkflowAndDependentResourceContext();
      workflow.reconcileManagedWorkflow();
      events.driftCorrected(
          library,
          DriftLog.corrections(context, WorkflowProgress::reachedByEveryPass),
          context.getClient());
      reconciliation =
          Reconciliation.reached(
              workflow
                  .getWorkflowReconcileResult()
                  .map(result -> WorkflowProgress.blocked(library, result))
                  .orElse(List.of()));
      rotation =
          PasswordRotation.advance(
              library,
              context,
              databaseTakesConnections(library, context),
              DefaultImages.fromEnvironment(),
              clock.instant());
      if (rotation.action() == PasswordRotation.Action.SWAP) {
        events.passwordRotated(library, rotation.rotation(), context.getClient());
      }
    }
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            Observations.withExternalChecks(library, context)
                .withDataPath(dataPath.verdict(context))
                .withVolumeExpansions(List.copyOf(expansions.values()))
                .withOperations(
                    Stream.of(
                            rotation.inProgress().stream(),
                            brokers.flatMap(KafkaBrokers.Step::inProgress).stream(),
                            ring.flatMap(CassandraRing.Step::inProgress).stream())
                        .flatMap(operations -> operations)
                        .toList()),
            reconciliation,
            clock.instant());
    UpdateControl<LegeribleLibrary> control =
        statusPatch(library, status, context)
            .map(UpdateControl::patchStatus)
            .orElseGet(UpdateControl::noUpdate);
    // Nothing signals that an external service stopped answering or that a StorageClass now
    // allows expansion: look again on an interval.
    if (!ExternalEndpoints.of(library).isEmpty()) {
      return control.rescheduleAfter(ExternalEndpoints.INTERVAL);
    }
    if (rotation.failed()) {
      return control.rescheduleAfter(PasswordRotation.RETRY_AFTER);
    }
    // Nothing signals how far a decommission or a partition move got: ask again shortly.
    if (ring.flatMap(CassandraRing.Step::inProgress).isPresent()) {
      return control.rescheduleAfter(CassandraRing.RECHECK_INTERVAL);
    }
    if (brokers.flatMap(KafkaBrokers.Step::inProgress).isPresent()) {
      return control.rescheduleAfter(KafkaBrokers.RECHECK_INTERVAL);
    }
    return expansions.values().stream().anyMatch(VolumeExpansion::refused)
        ? control.rescheduleAfter(VolumeExpansion.RECHECK_INTERVAL)
        : control;
  }

  /** Whether the managed database is up and not hibernating: a rotation can reach its role. */
  private static boolean databaseTakesConnections(
      LegeribleLibrary library, Context<LegeribleLibrary> context) {
    if (library.getSpec().hibernating() || !library.getSpec().postgres.managedByOperator()) {
      return false;
    }
    String name = LibraryNaming.name(library, Component.POSTGRES);
    LibraryObservation observed = Observations.of(context);
    return WorkloadReadiness.statefulSet(
            name, observed.statefulSets().get(name), observed.podsOf(Component.POSTGRES))
        .ready();
  }

  /**
   * StorageClasses by name, each read from the API server once per reconciliation and only when a
   * claim must grow: they are few, cluster-wide and rarely change, not worth an informer.
   */
  private static Function<String, Optional<StorageClass>> storageClasses(
      Context<LegeribleLibrary> context) {
    Map<String, Optional<StorageClass>> read = new HashMap<>();
    return name ->
        read.computeIfAbsent(
            name,
            n ->
                Optional.ofNullable(
                    context.getClient().storage().v1().storageClasses().withName(n).get()));
  }

  @Override
  public ErrorStatusUpdateControl<LegeribleLibrary> updateErrorStatus(
      LegeribleLibrary library, Context<LegeribleLibrary> context, Exception failure) {
    if (context.getRetryInfo().map(RetryInfo::getAttemptCount).orElse(0) < 1) {
      // A first failure is often a race (a conflict with a concurrent write) that the retry two
      // seconds later resolves: report a failure only once it happened twice in a row.
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    String error = ReconcileFailure.describe(failure);
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            Observations.of(context).withDataPath(dataPath.verdict(context)),
            Reconciliation.failed(error),
            clock.instant());
    events.reconcileError(library, library.getStatus(), status, context.getClient());
    return statusPatch(library, status, context)
        .map(ErrorStatusUpdateControl::patchStatus)
        .orElseGet(ErrorStatusUpdateControl::noStatusUpdate);
  }

  /** A patch carrying only {@code status}, with Events for its transitions; empty if unchanged. */
  private Optional<LegeribleLibrary> statusPatch(
      LegeribleLibrary library, LegeribleLibraryStatus status, Context<LegeribleLibrary> context) {
    if (status.equals(library.getStatus())) {
      return Optional.empty();
    }
    events.transitions(library, library.getStatus(), status, context.getClient());
    LegeribleLibrary patch = new LegeribleLibrary();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(library.getMetadata().getName())
            .withNamespace(library.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return Optional.of(patch);
  }
}
