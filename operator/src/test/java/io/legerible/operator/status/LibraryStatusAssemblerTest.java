package io.legerible.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.dependent.VolumeExpansion;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaTopicsJobDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.postgres.PostgresStatefulSetDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.dependent.webapp.WebappDeploymentDependentResource;
import io.legerible.operator.testing.Libraries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibraryStatusAssemblerTest {

  static final Instant T0 = Instant.parse("2026-11-25T10:00:30Z");
  static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");

  @Test
  void everythingReadyGivesReadyTrueForThisGeneration() {
    LegeribleLibrary library = Libraries.city();
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0);

    assertThat(status.observedGeneration).isEqualTo(1L);
    assertThat(status.phase).isEqualTo("Ready");
    assertThat(status.componentsReady).isEqualTo("6/6");
    assertThat(status.url).isEqualTo("http://legerible-city-webapp.town.svc/");
    assertThat(status.conditions)
        .extracting(Condition::getType)
        .containsExactly(
            "Ready",
            "Available",
            "Degraded",
            "SpecApplied",
            "DataPathReady",
            "Valid",
            "Paused",
            "Hibernated",
            "PostgresReady",
            "MemcachedReady",
            "KafkaReady",
            "CassandraReady",
            "AnalyticsReady",
            "WebappReady");
    assertThat(status.conditions)
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
    assertThat(Conditions.isTrue(status.conditions, "Ready")).isTrue();
    assertThat(status.components.get("kafka").secondsToReady).isEqualTo(30L);
    assertThat(Conditions.isTrue(status.conditions, "Available")).isTrue();
    assertThat(Conditions.find(status.conditions, "Degraded").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "NoFeatureImpaired");
    assertThat(status.features)
        .containsOnlyKeys(
            "catalogue",
            "loans",
            "liveRanking",
            "loanTrend",
            "recommendations",
            "bookFeed",
            "caching");
    assertThat(status.features.values())
        .allSatisfy(f -> assertThat(f.state).isEqualTo("Available"));
  }

  @Test
  void libraryComingUpIsNotAvailableYetButNotDegraded() {
    LegeribleLibrary library = Libraries.city();
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            LibraryObservation.of(List.of(), List.of(), List.of(), List.of(), List.of()),
            List.of(),
            T0);

    assertThat(Conditions.find(status.conditions, "Available").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Starting");
    assertThat(Conditions.find(status.conditions, "Degraded").get().getStatus()).isEqualTo("False");
    assertThat(status.features.get("loans").state).isEqualTo("Starting");
    assertThat(status.features.get("loans").impairedBy).containsExactly("webapp", "postgres");
  }

  @Test
  void cassandraLostLeavesTheLibraryAvailableAndDegradedNamingTheFeaturesItCarries() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));
    LibraryObservation observed = allReady(library);
    observed.statefulSets().get("legerible-city-cassandra").getStatus().setReadyReplicas(0);

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), T1);

    assertThat(Conditions.find(status.conditions, "Available").get().getStatus()).isEqualTo("True");
    Condition degraded = Conditions.find(status.conditions, "Degraded").get();
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getMessage())
        .startsWith("Impaired: liveRanking (")
        .contains("loanTrend (Not working: the loan-trend chart; cassandra: StatefulSet")
        .contains("recommendations (");
    assertThat(status.features.get("loanTrend").impairedBy).containsExactly("cassandra");
    assertThat(status.features.get("loans").state).isEqualTo("Available");
    assertThat(status.features.get("caching").state).isEqualTo("Available");
  }

  @Test
  void recommendationsFailingTwiceInARowAreDegradedWithTheRunsOwnCause() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));
    LibraryObservation ready = allReady(library);
    CronJob cronJob = ready.cronJobs().get("legerible-city-recommendations");
    cronJob.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder()
            .withLastSuccessfulTime("2026-11-25T08:17:40Z")
            .build());
    List<Job> jobs = new ArrayList<>(ready.jobs().values());
    jobs.add(
        run(cronJob, "legerible-city-recommendations-1001", "2026-11-25T08:17:00Z", "Complete"));
    jobs.add(run(cronJob, "legerible-city-recommendations-1002", "2026-11-25T09:17:00Z", "Failed"));
    jobs.add(run(cronJob, "legerible-city-recommendations-1003", "2026-11-25T10:17:00Z", "Failed"));
    var pod =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-recommendations-1003-x7k2p")
            .withCreationTimestamp("2026-11-25T10:17:01Z")
            .addNewOwnerReference()
            .withKind("Job")
            .withName("legerible-city-recommendations-1003")
            .endOwnerReference()
            .endMetadata()
            .withNewStatus()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName("driver")
            .withNewState()
            .withNewTerminated()
            .withExitCode(1)
            .withMessage("Submitting recommendations\nspark-submit: driver pod failed: OOMKilled\n")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    LibraryObservation observed =
        LibraryObservation.of(
            ready.statefulSets().values(),
            ready.deployments().values(),
            jobs,
            ready.cronJobs().values(),
            List.of(pod));

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), T1);

    Condition analytics = Conditions.find(status.conditions, "AnalyticsReady").get();
    assertThat(analytics.getStatus()).isEqualTo("False");
    assertThat(analytics.getReason()).isEqualTo("RunsFailing");
    assertThat(analytics.getMessage())
        .contains("its last 2 runs failed")
        .contains("Job legerible-city-recommendations-1003")
        .endsWith("container driver exited with 1 (spark-submit: driver pod failed: OOMKilled)");
    assertThat(Conditions.find(status.conditions, "Degraded").get().getMessage())
        .startsWith("Impaired: recommendations (");
    assertThat(status.features.get("recommendations").state).isEqualTo("Impaired");
    assertThat(status.features.get("recommendations").lastSuccess)
        .isEqualTo("2026-11-25T08:17:40Z");
    assertThat(Conditions.isTrue(status.conditions, "Available")).isTrue();

    jobs.add(
        run(cronJob, "legerible-city-recommendations-1004", "2026-11-25T11:17:00Z", "Complete"));
    LegeribleLibraryStatus recovered =
        LibraryStatusAssembler.assemble(
            library,
            LibraryObservation.of(
                ready.statefulSets().values(),
                ready.deployments().values(),
                jobs,
                ready.cronJobs().values(),
                List.of(pod)),
            List.of(),
            T1);
    assertThat(Conditions.isTrue(recovered.conditions, "AnalyticsReady")).isTrue();
    assertThat(recovered.features.get("recommendations").state).isEqualTo("Available");
  }

  @Test
  void failedReconciliationIsNotReadyWithTheRefusalUntilOneSucceeds() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));

    LegeribleLibraryStatus failed =
        LibraryStatusAssembler.assemble(
            library,
            allReady(library),
            Reconciliation.failed(
                "services legerible-city-memcached refused (HTTP 403): forbidden"),
            T1);

    Condition ready = Conditions.find(failed.conditions, "Ready").get();
    assertThat(ready)
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "ReconcileError");
    assertThat(ready.getMessage())
        .startsWith(
            "The operator could not apply generation 1: services legerible-city-memcached"
                + " refused (HTTP 403): forbidden.");
    assertThat(failed.phase).isEqualTo("Error");
    assertThat(Conditions.find(failed.conditions, "SpecApplied").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "ReconcileError");

    library.setStatus(failed);
    LegeribleLibraryStatus succeeded =
        LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T1);
    assertThat(Conditions.find(succeeded.conditions, "Ready").get().getReason())
        .isEqualTo("AllComponentsReady");
    assertThat(succeeded.phase).isEqualTo("Ready");
  }

  @Test
  void recommendationsThatStopSucceedingWithoutFailingAreOverdueAgainstTheirSchedule() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));
    LibraryObservation observed = allReady(library);
    CronJob cronJob = observed.cronJobs().get("legerible-city-recommendations");
    // Hourly at :17; the last success was the 08:17 run and the 09:17 run still hangs at 10:20.
    cronJob.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder()
            .withLastSuccessfulTime("2026-11-25T08:18:40Z")
            .addNewActive()
            .withName("legerible-city-recommendations-1002")
            .endActive()
            .build());

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library, observed, List.of(), Instant.parse("2026-11-25T10:20:00Z"));

    Condition analytics = Conditions.find(status.conditions, "AnalyticsReady").get();
    assertThat(analytics.getStatus()).isEqualTo("False");
    assertThat(analytics.getReason()).isEqualTo("RunsOverdue");
    assertThat(analytics.getMessage())
        .contains(
            "2 scheduled runs since 2026-11-25T08:18:40Z and none succeeded",
            "still running: Job legerible-city-recommendations-1002");
    assertThat(status.features.get("recommendations").state).isEqualTo(Features.IMPAIRED);
    assertThat(status.features.get("recommendations").lastSuccess)
        .isEqualTo("2026-11-25T08:18:40Z");
    assertThat(Conditions.find(status.conditions, "Degraded").get().getMessage())
        .contains("recommendations (");

    LegeribleLibraryStatus oneRunLate =
        LibraryStatusAssembler.assemble(
            library, observed, List.of(), Instant.parse("2026-11-25T09:40:00Z"));
    assertThat(Conditions.find(oneRunLate.conditions, "AnalyticsReady").get().getStatus())
        .as("one scheduled run since the last success may still be running")
        .isEqualTo("True");
  }

  private static Job run(CronJob cronJob, String name, String created, String outcome) {
    return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp(created)
        .addNewOwnerReference()
        .withKind("CronJob")
        .withName(cronJob.getMetadata().getName())
        .endOwnerReference()
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType(outcome)
        .withStatus("True")
        .withReason("Failed".equals(outcome) ? "BackoffLimitExceeded" : null)
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void unchangedWorldGivesAnEqualStatusWithTheSameTransitionTimes() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));

    LegeribleLibraryStatus later =
        LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T1);

    assertThat(later).isEqualTo(library.getStatus());
  }

  @Test
  void componentLosingReadinessFlipsItsConditionAndReadyNamingTheCause() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));
    LibraryObservation observed = allReady(library);
    observed.statefulSets().get("legerible-city-kafka").getStatus().setReadyReplicas(0);

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), T1);

    Condition kafka = Conditions.find(status.conditions, "KafkaReady").get();
    assertThat(kafka.getStatus()).isEqualTo("False");
    assertThat(kafka.getMessage()).isEqualTo("StatefulSet legerible-city-kafka: 0/1 ready");
    assertThat(kafka.getLastTransitionTime()).isEqualTo("2026-11-25T10:05:00Z");
    Condition ready = Conditions.find(status.conditions, "Ready").get();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage())
        .isEqualTo("Waiting for kafka: StatefulSet legerible-city-kafka: 0/1 ready");
    assertThat(Conditions.find(status.conditions, "PostgresReady").get().getLastTransitionTime())
        .isEqualTo("2026-11-25T10:00:30Z");
    assertThat(status.phase).isEqualTo("Degraded");
    assertThat(status.componentsReady).isEqualTo("5/6");
  }

  @Test
  void newGenerationIsNotReadyWhileItsWorkloadsRollOut() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0));
    library.getMetadata().setGeneration(2L);
    LibraryObservation observed = allReady(library);
    // The webapp Deployment was just updated: its controller has not observed the change yet.
    observed.deployments().get("legerible-city-webapp").getMetadata().setGeneration(2L);

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), T1);

    assertThat(status.observedGeneration).isEqualTo(2L);
    assertThat(Conditions.find(status.conditions, "Ready").get())
        .extracting(Condition::getStatus, Condition::getObservedGeneration)
        .containsExactly("False", 2L);
  }

  @Test
  void invalidSpecIsReportedWithTheProblemAndPhaseInvalid() {
    LegeribleLibrary library = Libraries.city();
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            LibraryObservation.of(List.of(), List.of(), List.of(), List.of(), List.of()),
            List.of("bad cron"),
            T0);
    assertThat(Conditions.find(status.conditions, "Valid").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "InvalidSpec");
    assertThat(Conditions.find(status.conditions, "Valid").get().getMessage())
        .contains("bad cron")
        .contains("nothing was changed");
    assertThat(Conditions.find(status.conditions, "Ready").get().getReason())
        .isEqualTo("InvalidSpec");
    assertThat(status.phase).isEqualTo("Invalid");
  }

  @Test
  void pausedLibraryIsNotReadyAndSaysWhy() {
    LegeribleLibrary library = Libraries.city(spec -> spec.paused = true);
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0);
    assertThat(Conditions.find(status.conditions, "Paused").get().getStatus()).isEqualTo("True");
    assertThat(Conditions.find(status.conditions, "Ready").get().getReason()).isEqualTo("Paused");
    assertThat(status.phase).isEqualTo("Paused");
  }

  @Test
  void hibernatingLibraryIsNeitherReadyNorDegradedAndHibernatedOnceNoPodRuns() {
    LegeribleLibrary awake = Libraries.city();
    awake.setStatus(LibraryStatusAssembler.assemble(awake, allReady(awake), List.of(), T0));
    LegeribleLibrary library = Libraries.city(spec -> spec.hibernate = true);
    library.setStatus(awake.getStatus());
    Pod stopping =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-kafka-0")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    Pod finishedRun =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-recommendations-1-abcde")
            .endMetadata()
            .withNewStatus()
            .withPhase("Succeeded")
            .endStatus()
            .build();

    LegeribleLibraryStatus scalingDown =
        LibraryStatusAssembler.assemble(
            library,
            LibraryObservation.of(
                List.of(), List.of(), List.of(), List.of(), List.of(stopping, finishedRun)),
            List.of(),
            T1);
    assertThat(Conditions.find(scalingDown.conditions, "Hibernated").get())
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", "ScalingDown", "1 pod still running: legerible-city-kafka-0");

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            LibraryObservation.of(List.of(), List.of(), List.of(), List.of(), List.of(finishedRun)),
            List.of(),
            T1);
    assertThat(status.phase).isEqualTo("Hibernated");
    assertThat(Conditions.find(status.conditions, "Hibernated").get())
        .extracting(Condition::getStatus, Condition::getMessage)
        .containsExactly("True", "Every workload is scaled to zero; claims and Secrets are kept");
    assertThat(Conditions.find(status.conditions, "Ready").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Hibernated");
    assertThat(Conditions.find(status.conditions, "Available").get().getReason())
        .isEqualTo("Hibernated");
    assertThat(Conditions.find(status.conditions, "Degraded").get().getStatus()).isEqualTo("False");
    assertThat(Conditions.find(status.conditions, "SpecApplied").get().getStatus())
        .isEqualTo("True");
    assertThat(Conditions.find(status.conditions, "WebappReady").get().getReason())
        .isEqualTo("Hibernated");
    assertThat(status.features.values())
        .allSatisfy(f -> assertThat(f.state).isEqualTo("Hibernated"));
  }

  @Test
  void externalComponentsAreReadyAsConfigured() {
    LegeribleLibrary library =
        Libraries.city(
            spec -> {
              spec.memcached.managed = null;
              spec.memcached.external = new io.legerible.operator.api.ExternalService();
              spec.memcached.external.endpoints = List.of("cache.example.org:11211");
            });
    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, allReady(library), List.of(), T0);
    assertThat(Conditions.find(status.conditions, "MemcachedReady").get())
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "External", "Using external memcached at cache.example.org:11211");
    assertThat(status.components.get("memcached").mode).isEqualTo("External");
  }

  @Test
  void storageAClassCannotGrowKeepsTheLibraryReadyAndSpecAppliedFalseSayingWhy() {
    LegeribleLibrary library = Libraries.city(spec -> spec.postgres.managed.storage.size = "2Gi");
    VolumeExpansion refused = growthRefusedByItsClass();

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            allReady(library).withVolumeExpansions(List.of(refused)),
            Reconciliation.complete(),
            T0);

    assertThat(Conditions.isTrue(status.conditions, "Ready")).isTrue();
    Condition specApplied = Conditions.find(status.conditions, "SpecApplied").get();
    assertThat(specApplied.getStatus()).isEqualTo("False");
    assertThat(specApplied.getReason()).isEqualTo("VolumeExpansionNotAllowed");
    assertThat(specApplied.getMessage())
        .startsWith("Generation 1 is in effect except its storage size: ")
        .contains("StorageClass standard does not allow volume expansion");
  }

  @Test
  void workUnderWayIsNamedFirstAndARefusedGrowthStillShows() {
    LegeribleLibrary library = Libraries.city(spec -> spec.postgres.managed.storage.size = "2Gi");
    VolumeExpansion refused = growthRefusedByItsClass();

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            allReady(library)
                .withVolumeExpansions(List.of(refused))
                .withOperations(
                    List.of(
                        new OperationInProgress(
                            "CassandraScaling",
                            "cassandra 2 → 1 nodes: decommissioning legerible-city-cassandra-1"))),
            Reconciliation.complete(),
            T0);

    Condition specApplied = Conditions.find(status.conditions, "SpecApplied").get();
    assertThat(specApplied.getReason()).isEqualTo("CassandraScaling");
    assertThat(specApplied.getMessage())
        .startsWith(
            "Generation 1 is in effect except cassandra 2 → 1 nodes: decommissioning"
                + " legerible-city-cassandra-1; its storage size: ")
        .contains("does not allow volume expansion");
  }

  @Test
  void aBlockedGenerationAlsoNamesTheWorkUnderWay() {
    LegeribleLibrary library = Libraries.city(spec -> spec.kafka.managed.replicas = 3);

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            allReady(library)
                .withOperations(
                    List.of(
                        new OperationInProgress(
                            "KafkaScaling",
                            "kafka 1 → 3 brokers: waiting for every broker to be ready"))),
            Reconciliation.reached(List.of("kafka-topics waits for platform-config to be ready")),
            T0);

    assertThat(Conditions.find(status.conditions, "SpecApplied").get())
        .extracting(Condition::getReason, Condition::getMessage)
        .containsExactly(
            "Blocked",
            "Generation 1 is not fully applied: kafka-topics waits for platform-config to be"
                + " ready; kafka 1 → 3 brokers: waiting for every broker to be ready");
  }

  @Test
  void claimStillSmallerThanItsRequestIsReportedAsResizing() {
    LegeribleLibrary library = Libraries.city(spec -> spec.postgres.managed.storage.size = "2Gi");
    VolumeExpansion resizing =
        VolumeExpansion.plan(
            "legerible-city-postgres",
            "2Gi",
            List.of(claim("2Gi", "1Gi")),
            name -> Optional.empty());

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library,
            allReady(library).withVolumeExpansions(List.of(resizing)),
            Reconciliation.complete(),
            T0);

    assertThat(Conditions.find(status.conditions, "SpecApplied").get())
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(
            "False",
            "VolumeResizing",
            "Generation 1 is in effect except its storage size, still growing: claim"
                + " data-legerible-city-postgres-0 is resizing: requested 2Gi, current capacity 1Gi"
                + " (waiting for the storage provisioner to expand the volume)");
  }

  /** PostgreSQL's 1Gi claim asked to grow to 2Gi on a class without volume expansion. */
  private static VolumeExpansion growthRefusedByItsClass() {
    return VolumeExpansion.plan(
        "legerible-city-postgres",
        "2Gi",
        List.of(claim("1Gi", "1Gi")),
        name ->
            Optional.of(
                new StorageClassBuilder().withNewMetadata().withName(name).endMetadata().build()));
  }

  private static PersistentVolumeClaim claim(String request, String capacity) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("data-legerible-city-postgres-0")
        .endMetadata()
        .withNewSpec()
        .withStorageClassName("standard")
        .withNewResources()
        .addToRequests("storage", new Quantity(request))
        .endResources()
        .endSpec()
        .withNewStatus()
        .addToCapacity("storage", new Quantity(capacity))
        .endStatus()
        .build();
  }

  static LibraryObservation allReady(LegeribleLibrary library) {
    var inputs = Libraries.inputs();
    List<StatefulSet> statefulSets = new ArrayList<>();
    statefulSets.add(
        Libraries.readyStatefulSet(
            new PostgresStatefulSetDependentResource().build(library, inputs)));
    statefulSets.add(
        Libraries.readyStatefulSet(new KafkaStatefulSetDependentResource().build(library, inputs)));
    statefulSets.add(
        Libraries.readyStatefulSet(
            new CassandraStatefulSetDependentResource().build(library, inputs)));
    List<Deployment> deployments = new ArrayList<>();
    if (library.getSpec().memcached.managedByOperator()) {
      deployments.add(
          Libraries.readyDeployment(
              new MemcachedDeploymentDependentResource().build(library, inputs)));
    }
    deployments.add(
        Libraries.readyDeployment(
            new RankingStreamDeploymentDependentResource().build(library, inputs)));
    deployments.add(
        Libraries.readyDeployment(
            new BookFeedDeploymentDependentResource().build(library, inputs)));
    deployments.add(
        Libraries.readyDeployment(new WebappDeploymentDependentResource().build(library, inputs)));
    Job topics = new KafkaTopicsJobDependentResource().build(library, inputs);
    topics.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).build());
    CronJob cronJob = new RecommendationsCronJobDependentResource().build(library, inputs);
    return LibraryObservation.of(
        statefulSets, deployments, List.of(topics), List.of(cronJob), List.of());
  }
}
