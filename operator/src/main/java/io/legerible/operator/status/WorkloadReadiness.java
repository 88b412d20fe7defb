package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Readiness of StatefulSets, Deployments and Jobs as their controllers report it, with the pods'
 * own reasons (CrashLoopBackOff, Unschedulable, …) when they are not ready. Pure.
 */
public final class WorkloadReadiness {

  /** Reason of a schedule whose last two runs failed. */
  public static final String RUNS_FAILING = "RunsFailing";

  /**
   * Reason of a schedule whose running run cannot start a container (a Secret or ConfigMap it names
   * is missing, its image cannot be pulled): the kubelet keeps trying, so it starts once that is
   * fixed.
   */
  public static final String RUN_STUCK = "RunStuck";

  /** Reason of a workload whose ready replicas run, but not all at the latest change yet. */
  public static final String ROLLING_OUT = "RollingOut";

  private static final String ROLLOUT_NOTE = "; rolling out the latest change";

  private static final int MAX_PODS_NAMED = 3;

  private WorkloadReadiness() {}

  /** Whether a pod has ended (a run's pod that completed or failed) rather than running. */
  public static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** A StatefulSet is ready when its controller has rolled out its generation to ready replicas. */
  public static Readiness statefulSet(String name, StatefulSet statefulSet, List<Pod> pods) {
    String what = "StatefulSet " + name;
    if (statefulSet == null) {
      return Readiness.notReady("Missing", what + " does not exist yet");
    }
    var status = statefulSet.getStatus();
    int desired = Optional.ofNullable(statefulSet.getSpec().getReplicas()).orElse(1);
    int ready = status == null ? 0 : zero(status.getReadyReplicas());
    int updated = status == null ? 0 : zero(status.getUpdatedReplicas());
    boolean observed =
        status != null
            && status.getObservedGeneration() != null
            && status.getObservedGeneration() >= statefulSet.getMetadata().getGeneration();
    boolean revisionCurrent =
        status != null
            && (status.getUpdateRevision() == null
                || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision()));
    boolean rolledOut = observed && updated >= desired && revisionCurrent;
    Readiness readiness = judge(what, desired, ready, observed, rolledOut, pods);
    if (ROLLING_OUT.equals(readiness.reason()) && revisionCurrent) {
      // No new revision: a pod of the current one is being replaced (deleted, evicted).
      return Readiness.notReady("PodsRestarting", readiness.message().replace(ROLLOUT_NOTE, ""));
    }
    return readiness;
  }

  /** A Deployment is ready when its generation is rolled out and every replica is available. */
  public static Readiness deployment(String name, Deployment deployment, List<Pod> pods) {
    String what = "Deployment " + name;
    if (deployment == null) {
      return Readiness.notReady("Missing", what + " does not exist yet");
    }
    var status = deployment.getStatus();
    int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    int available = status == null ? 0 : zero(status.getAvailableReplicas());
    int updated = status == null ? 0 : zero(status.getUpdatedReplicas());
    int total = status == null ? 0 : zero(status.getReplicas());
    boolean observed =
        status != null
            && status.getObservedGeneration() != null
            && status.getObservedGeneration() >= deployment.getMetadata().getGeneration();
    boolean rolledOut = observed && updated >= desired && total <= desired;
    Readiness readiness = judge(what, desired, available, observed, rolledOut, pods);
    if (readiness.ready() || status == null || status.getConditions() == null) {
      return readiness;
    }
    // The controller's own complaint (e.g. a quota forbidding pods) when it cannot create pods.
    return status.getConditions().stream()
        .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .map(
            c ->
                Readiness.notReady(
                    "ReplicaFailure",
                    readiness.message() + "; " + c.getReason() + ": " + c.getMessage()))
        .orElse(readiness);
  }

  /** A one-shot Job is ready once it has succeeded. */
  public static Readiness job(String name, Job job) {
    String what = "Job " + name;
    if (job == null) {
      return Readiness.notReady("Missing", what + " does not exist yet");
    }
    var status = job.getStatus();
    if (status != null && zero(status.getSucceeded()) > 0) {
      return Readiness.ready(what + " succeeded");
    }
    Optional<JobCondition> failed =
        status == null || status.getConditions() == null
            ? Optional.empty()
            : status.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    if (failed.isPresent()) {
      return Readiness.notReady(
          "JobFailed",
          what + " failed: " + failed.get().getReason() + " " + failed.get().getMessage());
    }
    int failures = status == null ? 0 : zero(status.getFailed());
    return Readiness.notReady(
        "JobRunning",
        what
            + " has not succeeded yet"
            + (failures > 0 ? " (" + failures + " failed attempts)" : ""));
  }

  /**
   * A schedule is ready unless its last two finished runs both failed (one failure may be a passing
   * fault; two in a row need someone to look). The cause is the failed pod's own.
   */
  public static Readiness scheduledRuns(String schedule, List<Job> runs, List<Pod> pods) {
    List<Job> finished =
        runs.stream()
            .filter(job -> finishedAs(job, "Complete") || finishedAs(job, "Failed"))
            .sorted(
                Comparator.comparing(
                        (Job job) -> Objects.toString(job.getMetadata().getCreationTimestamp(), ""))
                    .reversed())
            .toList();
    if (finished.size() >= 2
        && finishedAs(finished.get(0), "Failed")
        && finishedAs(finished.get(1), "Failed")) {
      Job last = finished.get(0);
      return Readiness.notReady(
          RUNS_FAILING,
          schedule
              + ": its last 2 runs failed; the last, Job "
              + last.getMetadata().getName()
              + ", "
              + failureCause(last, pods));
    }
    Optional<String> stuck =
        runs.stream()
            .filter(job -> !finishedAs(job, "Complete") && !finishedAs(job, "Failed"))
            .flatMap(job -> podsOf(job, pods).stream())
            .flatMap(
                pod ->
                    cannotStart(pod)
                        .map(cause -> "pod " + pod.getMetadata().getName() + " " + cause)
                        .stream())
            .findFirst();
    if (stuck.isPresent()) {
      return Readiness.notReady(RUN_STUCK, schedule + ": a run cannot start: " + stuck.get());
    }
    String lastRun =
        finished.isEmpty()
            ? "no run finished yet"
            : "last run "
                + (finishedAs(finished.get(0), "Complete") ? "succeeded" : "failed")
                + " (Job "
                + finished.get(0).getMetadata().getName()
                + ")";
    return Readiness.ready(schedule + ", " + lastRun);
  }

  /** Why a Job failed: its pod's exit and last words when there is one, else the Job's. */
  public static String failureCause(Job job, List<Pod> pods) {
    String name = job.getMetadata().getName();
    Optional<String> podCause =
        podsOf(job, pods).stream()
            .sorted(
                Comparator.comparing(
                        (Pod pod) -> Objects.toString(pod.getMetadata().getCreationTimestamp(), ""))
                    .reversed())
            .map(WorkloadReadiness::terminatedCause)
            .flatMap(Optional::stream)
            .findFirst();
    return podCause.orElseGet(
        () ->
            job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()))
                .findFirst()
                .map(c -> c.getReason() + withMessage(c.getMessage()))
                .orElse("failed"));
  }

  private static Optional<String> terminatedCause(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
        .filter(c -> !Integer.valueOf(0).equals(c.getState().getTerminated().getExitCode()))
        .findFirst()
        .map(
            c ->
                "container "
                    + c.getName()
                    + " exited with "
                    + c.getState().getTerminated().getExitCode()
                    + withMessage(lastLine(c.getState().getTerminated().getMessage())));
  }

  /**
   * What a restarting container said as it last exited (its termination message), e.g. why the
   * database's restore check refuses to start it; empty when it said nothing.
   */
  private static String lastWords(ContainerStatus container) {
    var last = container.getLastState();
    if (last == null || last.getTerminated() == null) {
      return "";
    }
    String message = lastLine(last.getTerminated().getMessage());
    return message == null || message.isEmpty() ? "" : ": " + message;
  }

  /** The last non-blank line of a termination message (the log tail when the pod gave none). */
  private static String lastLine(String message) {
    if (message == null) {
      return null;
    }
    String last =
        message.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
    return last.length() <= 300 ? last : last.substring(0, 297) + "...";
  }

  private static List<Pod> podsOf(Job job, List<Pod> pods) {
    String name = job.getMetadata().getName();
    return pods.stream()
        .filter(
            pod ->
                pod.getMetadata().getOwnerReferences() != null
                    && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "Job".equals(o.getKind()) && name.equals(o.getName())))
        .toList();
  }

  /**
   * Why a container of {@code pod} waits to be created, when that is not the ordinary wait for its
   * turn (ContainerCreating, PodInitializing): e.g. CreateContainerConfigError, ImagePullBackOff.
   */
  private static Optional<String> cannotStart(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return containerStatuses(pod.getStatus()).stream()
        .filter(
            container ->
                container.getState() != null
                    && container.getState().getWaiting() != null
                    && container.getState().getWaiting().getReason() != null
                    && !ORDINARY_WAITS.contains(container.getState().getWaiting().getReason()))
        .map(
            container ->
                "container "
                    + container.getName()
                    + " "
                    + container.getState().getWaiting().getReason()
                    + withMessage(container.getState().getWaiting().getMessage()))
        .findFirst();
  }

  /** The init containers' statuses, then the containers'. */
  private static List<ContainerStatus> containerStatuses(PodStatus status) {
    List<ContainerStatus> containers = new ArrayList<>();
    if (status.getInitContainerStatuses() != null) {
      containers.addAll(status.getInitContainerStatuses());
    }
    if (status.getContainerStatuses() != null) {
      containers.addAll(status.getContainerStatuses());
    }
    return containers;
  }

  private static final Set<String> ORDINARY_WAITS = Set.of("ContainerCreating", "PodInitializing");

  private static boolean finishedAs(Job job, String type) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Readiness judge(
      String what, int desired, int ready, boolean observed, boolean rolledOut, List<Pod> pods) {
    String counts = what + ": " + ready + "/" + desired + " ready";
    if (!observed) {
      return Readiness.notReady(
          "Progressing", counts + "; its controller has not observed the latest change yet");
    }
    if (ready >= desired && rolledOut) {
      return Readiness.ready(counts);
    }
    List<String> causes = podCauses(pods);
    String message = counts + (causes.isEmpty() ? "" : "; " + String.join("; ", causes));
    if (ready >= desired) {
      return Readiness.notReady(ROLLING_OUT, message + ROLLOUT_NOTE);
    }
    return Readiness.notReady(causes.isEmpty() ? "PodsNotReady" : "PodsFailing", message);
  }

  /** Why each not-ready pod is not ready, first few by name. */
  static List<String> podCauses(List<Pod> pods) {
    List<String> causes = new ArrayList<>();
    pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(
            pod ->
                podCause(pod)
                    .ifPresent(
                        cause -> causes.add("pod " + pod.getMetadata().getName() + " " + cause)));
    if (causes.size() > MAX_PODS_NAMED) {
      int more = causes.size() - MAX_PODS_NAMED;
      List<String> shown = new ArrayList<>(causes.subList(0, MAX_PODS_NAMED));
      shown.add("and " + more + " more pods");
      return shown;
    }
    return causes;
  }

  /** Why a pod is not ready, or empty when it is ready. */
  static Optional<String> podCause(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of("terminating");
    }
    var status = pod.getStatus();
    if (status == null) {
      return Optional.of("has no status yet");
    }
    if (conditionTrue(status.getConditions(), "Ready")) {
      return Optional.empty();
    }
    for (ContainerStatus container : containerStatuses(status)) {
      var state = container.getState();
      if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
        String reason = state.getWaiting().getReason();
        if (!"ContainerCreating".equals(reason) && !"PodInitializing".equals(reason)) {
          return Optional.of(
              reason + withMessage(state.getWaiting().getMessage()) + lastWords(container));
        }
      }
      if (state != null
          && state.getTerminated() != null
          && state.getTerminated().getExitCode() != null
          && state.getTerminated().getExitCode() != 0) {
        return Optional.of(
            "container "
                + container.getName()
                + " exited with "
                + state.getTerminated().getExitCode()
                + withMessage(state.getTerminated().getReason()));
      }
    }
    Optional<PodCondition> scheduled = condition(status.getConditions(), "PodScheduled");
    if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())) {
      return Optional.of("unschedulable" + withMessage(scheduled.get().getMessage()));
    }
    Optional<PodCondition> ready = condition(status.getConditions(), "Ready");
    String phase = status.getPhase() == null ? "Unknown" : status.getPhase();
    return Optional.of(
        phase
            + ", not ready"
            + ready
                .map(c -> withMessage(c.getReason() == null ? c.getMessage() : c.getReason()))
                .orElse(""));
  }

  private static String withMessage(String message) {
    return message == null || message.isBlank() ? "" : " (" + message.strip() + ")";
  }

  private static boolean conditionTrue(List<PodCondition> conditions, String type) {
    return condition(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static Optional<PodCondition> condition(List<PodCondition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
