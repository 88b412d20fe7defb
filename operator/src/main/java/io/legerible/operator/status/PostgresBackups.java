package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.api.PostgresBackupStatus;
import io.legerible.operator.dependent.postgres.PostgresBackupCronJobDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the status says of PostgreSQL's backups: the newest one known to have succeeded, read from
 * the termination message ({@code <file> <bytes>}) of the backup pod that wrote it and kept once
 * its Job is gone, and whether the schedule's runs succeed. Pure.
 */
public final class PostgresBackups {

  /**
   * The containers of the CronJob's pod that report the backup: the dump's, or, when backups are
   * copied to an object store, the copy's (the dump is then an init container).
   */
  static final Set<String> CONTAINERS =
      Set.of("backup", PostgresBackupCronJobDependentResource.UPLOAD_CONTAINER);

  private static final Pattern TERMINATION_MESSAGE =
      Pattern.compile("^(\\S+\\.dump) ([0-9]+)(?: (s3://\\S+))?\\s*$", Pattern.MULTILINE);

  private PostgresBackups() {}

  /** The newest successful backup among {@code observed}'s pods and {@code previous}. */
  public static PostgresBackupStatus newest(
      LegeribleLibrary library, LibraryObservation observed, PostgresBackupStatus previous) {
    String claim = LibraryNaming.postgresBackups(library);
    Optional<PostgresBackupStatus> seen =
        observed.pods().stream()
            .filter(pod -> backupPodOf(pod, library))
            .flatMap(pod -> succeeded(pod, claim))
            .max(Comparator.comparing(backup -> Instant.parse(backup.lastSuccessfulTime)));
    if (seen.isEmpty()) {
      return previous;
    }
    if (previous == null
        || previous.lastSuccessfulTime == null
        || Instant.parse(seen.get().lastSuccessfulTime)
            .isAfter(Instant.parse(previous.lastSuccessfulTime))) {
      return seen.get();
    }
    return previous;
  }

  /**
   * The PostgresBackupReady condition when backups are configured: true unless the last two runs
   * failed or runs stopped happening; empty otherwise.
   */
  public static Optional<Condition> condition(
      LegeribleLibrary library,
      LibraryObservation observed,
      PostgresBackupStatus newest,
      List<Condition> before,
      long generation,
      Instant now) {
    var postgres = library.getSpec().postgres;
    if (!postgres.managedByOperator() || postgres.managed.backup == null) {
      return Optional.empty();
    }
    PostgresBackup backup = postgres.managed.backup;
    if (library.getSpec().hibernating()) {
      return Optional.of(
          Conditions.of(
              before,
              ConditionTypes.POSTGRES_BACKUP_READY,
              false,
              ComponentReadiness.HIBERNATED,
              "Backups are suspended while spec.hibernate is true" + newestSoFar(newest),
              generation,
              now));
    }
    Readiness runs =
        ComponentReadiness.scheduled(
            LibraryNaming.name(library, Component.POSTGRES_BACKUP),
            backup.schedule,
            Boolean.TRUE.equals(backup.suspend),
            observed);
    return Optional.of(
        Conditions.of(
            before,
            ConditionTypes.POSTGRES_BACKUP_READY,
            runs.ready(),
            runs.reason(),
            runs.message() + newestSoFar(newest),
            generation,
            now));
  }

  private static String newestSoFar(PostgresBackupStatus newest) {
    return newest == null
        ? "; no backup has succeeded yet"
        : "; newest backup "
            + newest.file
            + " ("
            + newest.sizeBytes
            + " bytes, "
            + newest.lastSuccessfulTime
            + ") in claim "
            + newest.claim
            + (newest.object == null ? "" : " and at " + newest.object);
  }

  private static boolean backupPodOf(Pod pod, LegeribleLibrary library) {
    var labels = pod.getMetadata().getLabels();
    return labels != null
        && Component.POSTGRES_BACKUP.label().equals(labels.get(LibraryNaming.COMPONENT_LABEL))
        && Objects.equals(
            library.getMetadata().getName(), labels.get(LibraryNaming.INSTANCE_LABEL));
  }

  /** The backup a pod's container reported on exiting successfully, if it did. */
  private static Stream<PostgresBackupStatus> succeeded(Pod pod, String claim) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Stream.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(container -> CONTAINERS.contains(container.getName()))
        .map(ContainerStatus::getState)
        .filter(state -> state != null && state.getTerminated() != null)
        .map(state -> state.getTerminated())
        .filter(terminated -> Integer.valueOf(0).equals(terminated.getExitCode()))
        .filter(terminated -> terminated.getFinishedAt() != null)
        .flatMap(terminated -> parse(terminated, claim).stream());
  }

  private static Optional<PostgresBackupStatus> parse(
      ContainerStateTerminated terminated, String claim) {
    String message = terminated.getMessage();
    if (message == null) {
      return Optional.empty();
    }
    Matcher matcher = TERMINATION_MESSAGE.matcher(message);
    if (!matcher.find()) {
      return Optional.empty();
    }
    PostgresBackupStatus backup =
        PostgresBackupStatus.of(
            terminated.getFinishedAt(), matcher.group(1), Long.parseLong(matcher.group(2)), claim);
    backup.object = matcher.group(3);
    return Optional.of(backup);
  }
}
