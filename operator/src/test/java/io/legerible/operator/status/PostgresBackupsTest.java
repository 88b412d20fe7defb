package io.legerible.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.api.PostgresBackupStatus;
import io.legerible.operator.dependent.postgres.PostgresBackupCronJobDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.testing.Libraries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresBackupsTest {

  static final Instant NOW = Instant.parse("2026-11-26T03:10:00Z");

  static LegeribleLibrary backedUp() {
    return Libraries.city(spec -> spec.postgres.managed.backup = new PostgresBackup());
  }

  @Test
  void newestSuccessfulBackupIsShownAndKeptOnceItsJobIsGone() {
    LegeribleLibrary library = backedUp();
    LibraryObservation observed =
        withBackupRuns(
            library,
            List.of(
                run("legerible-city-postgres-backup-1", "2026-11-25T03:00:00Z", "Complete"),
                run("legerible-city-postgres-backup-2", "2026-11-26T03:00:00Z", "Complete")),
            List.of(
                pod(
                    "legerible-city-postgres-backup-1",
                    0,
                    "20261125T030000Z.dump 1000\n",
                    "2026-11-25T03:00:07Z"),
                pod(
                    "legerible-city-postgres-backup-2",
                    0,
                    "20261126T030000Z.dump 1200\n",
                    "2026-11-26T03:00:09Z")));
    observed
        .cronJobs()
        .get("legerible-city-postgres-backup")
        .setStatus(
            new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder()
                .withLastSuccessfulTime("2026-11-26T03:00:09Z")
                .build());

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), NOW);

    assertThat(status.postgresBackup)
        .isEqualTo(
            PostgresBackupStatus.of(
                "2026-11-26T03:00:09Z",
                "20261126T030000Z.dump",
                1200L,
                "legerible-city-postgres-backups"));
    Condition backups = Conditions.find(status.conditions, "PostgresBackupReady").get();
    assertThat(backups.getStatus()).isEqualTo("True");
    assertThat(backups.getMessage())
        .contains("CronJob legerible-city-postgres-backup scheduled '0 3 * * *'")
        .contains("newest backup 20261126T030000Z.dump (1200 bytes, 2026-11-26T03:00:09Z)");

    library.setStatus(status);
    LegeribleLibraryStatus later =
        LibraryStatusAssembler.assemble(
            library, withBackupRuns(library, List.of(), List.of()), List.of(), NOW);
    assertThat(later.postgresBackup)
        .as("the Job and its pod are gone; the backup is not")
        .isEqualTo(status.postgresBackup);
  }

  @Test
  void aBackupCopiedToAnObjectStoreShowsWhereItsCopyIs() {
    LegeribleLibrary library = backedUp();
    LibraryObservation observed =
        withBackupRuns(
            library,
            List.of(run("legerible-city-postgres-backup-1", "2026-11-26T03:00:00Z", "Complete")),
            List.of(
                pod(
                    "legerible-city-postgres-backup-1",
                    "upload",
                    0,
                    "20261126T030000Z.dump 1200 s3://library-backups/town/city/20261126T030000Z.dump\n",
                    "2026-11-26T03:00:12Z")));

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), NOW);

    assertThat(status.postgresBackup.file).isEqualTo("20261126T030000Z.dump");
    assertThat(status.postgresBackup.sizeBytes).isEqualTo(1200L);
    assertThat(status.postgresBackup.claim).isEqualTo("legerible-city-postgres-backups");
    assertThat(status.postgresBackup.object)
        .isEqualTo("s3://library-backups/town/city/20261126T030000Z.dump");
    assertThat(Conditions.find(status.conditions, "PostgresBackupReady").get().getMessage())
        .contains("and at s3://library-backups/town/city/20261126T030000Z.dump");
  }

  @Test
  void aRunThatCannotStartSaysWhyAtOnce() {
    LegeribleLibrary library = backedUp();
    Job running = run("legerible-city-postgres-backup-1", "2026-11-26T03:00:00Z", "Running");
    running.getStatus().setConditions(List.of());
    Pod waiting =
        new PodBuilder(pod("legerible-city-postgres-backup-1", "upload", 0, "", null))
            .editStatus()
            .withPhase("Pending")
            .editContainerStatus(0)
            .withNewState()
            .withNewWaiting()
            .withReason("CreateContainerConfigError")
            .withMessage("secret \"backup-bucket-keys\" not found")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library, withBackupRuns(library, List.of(running), List.of(waiting)), List.of(), NOW);

    Condition backups = Conditions.find(status.conditions, "PostgresBackupReady").get();
    assertThat(backups.getStatus()).isEqualTo("False");
    assertThat(backups.getReason()).isEqualTo(WorkloadReadiness.RUN_STUCK);
    assertThat(backups.getMessage())
        .contains(
            "a run cannot start: pod legerible-city-postgres-backup-1-abcde container upload"
                + " CreateContainerConfigError (secret \"backup-bucket-keys\" not found)");
  }

  @Test
  void twoFailedRunsInARowMakeBackupsNotReadyWithTheCause() {
    LegeribleLibrary library = backedUp();
    LibraryObservation observed =
        withBackupRuns(
            library,
            List.of(
                run("legerible-city-postgres-backup-1", "2026-11-25T03:00:00Z", "Failed"),
                run("legerible-city-postgres-backup-2", "2026-11-26T03:00:00Z", "Failed")),
            List.of(
                pod(
                    "legerible-city-postgres-backup-2",
                    1,
                    "pg_dump: error: connection to server failed: password authentication failed",
                    "2026-11-26T03:00:02Z")));

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), NOW);

    Condition backups = Conditions.find(status.conditions, "PostgresBackupReady").get();
    assertThat(backups.getStatus()).isEqualTo("False");
    assertThat(backups.getReason()).isEqualTo(WorkloadReadiness.RUNS_FAILING);
    assertThat(backups.getMessage())
        .contains("its last 2 runs failed")
        .contains("password authentication failed")
        .contains("no backup has succeeded yet");
    assertThat(status.postgresBackup).isNull();
    assertThat(Conditions.isTrue(status.conditions, "PostgresReady"))
        .as("the database still serves")
        .isTrue();
  }

  @Test
  void hibernatingLibrarySaysItsBackupsAreSuspended() {
    LegeribleLibrary library = backedUp();
    library.getSpec().hibernate = true;

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(
            library, withBackupRuns(library, List.of(), List.of()), List.of(), NOW);

    assertThat(Conditions.find(status.conditions, "PostgresBackupReady").get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Hibernated");
  }

  @Test
  void restoreThatCannotStartIsWhatPostgresReadySays() {
    LegeribleLibrary library = Libraries.city();
    LibraryObservation ready = LibraryStatusAssemblerTest.allReady(library);
    StatefulSet postgres = ready.statefulSets().get("legerible-city-postgres");
    postgres.getStatus().setReadyReplicas(0);
    Pod refused =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-postgres-0")
            .withLabels(LibraryNaming.labels(library, Component.POSTGRES))
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewInitContainerStatus()
            .withName("restore-check")
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .withMessage(
                "restoreFrom: claim legerible-old-postgres-backups has no backup x.dump; name one"
                    + " of its dumps\n")
            .endTerminated()
            .endLastState()
            .endInitContainerStatus()
            .endStatus()
            .build();
    List<Pod> pods = new ArrayList<>(ready.pods());
    pods.add(refused);
    LibraryObservation observed =
        LibraryObservation.of(
            ready.statefulSets().values(),
            ready.deployments().values(),
            ready.jobs().values(),
            ready.cronJobs().values(),
            pods);

    LegeribleLibraryStatus status =
        LibraryStatusAssembler.assemble(library, observed, List.of(), NOW);

    assertThat(Conditions.find(status.conditions, "PostgresReady").get().getMessage())
        .contains(
            "CrashLoopBackOff: restoreFrom: claim legerible-old-postgres-backups has no backup"
                + " x.dump");
  }

  private static LibraryObservation withBackupRuns(
      LegeribleLibrary library, List<Job> runs, List<Pod> pods) {
    LibraryObservation ready = LibraryStatusAssemblerTest.allReady(library);
    CronJob backup =
        new PostgresBackupCronJobDependentResource().build(library, Libraries.inputs());
    backup.getMetadata().setCreationTimestamp("2026-11-24T12:00:00Z");
    List<CronJob> cronJobs = new ArrayList<>(ready.cronJobs().values());
    cronJobs.add(backup);
    List<Job> jobs = new ArrayList<>(ready.jobs().values());
    jobs.addAll(runs);
    return LibraryObservation.of(
        ready.statefulSets().values(), ready.deployments().values(), jobs, cronJobs, pods);
  }

  private static Job run(String name, String created, String outcome) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withCreationTimestamp(created)
        .addNewOwnerReference()
        .withKind("CronJob")
        .withName("legerible-city-postgres-backup")
        .endOwnerReference()
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType(outcome)
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod pod(String job, int exitCode, String message, String finishedAt) {
    return pod(job, "backup", exitCode, message, finishedAt);
  }

  private static Pod pod(
      String job, String container, int exitCode, String message, String finishedAt) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(job + "-abcde")
        .withCreationTimestamp(finishedAt)
        .withLabels(LibraryNaming.labels(Libraries.city(), Component.POSTGRES_BACKUP))
        .addNewOwnerReference()
        .withKind("Job")
        .withName(job)
        .endOwnerReference()
        .endMetadata()
        .withNewStatus()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus()
        .withName(container)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withMessage(message)
        .withFinishedAt(finishedAt)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
