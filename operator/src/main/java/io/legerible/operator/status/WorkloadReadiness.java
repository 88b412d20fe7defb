package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Readiness of StatefulSets, Deployments and Jobs as their controllers report it, with the pods'
 * own reasons (CrashLoopBackOff, Unschedulable, …) when they are not ready. Pure.
 */
public final class WorkloadReadiness {

  private static final int MAX_PODS_NAMED = 3;

  private WorkloadReadiness() {}

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
    boolean rolledOut =
        observed
            && updated >= desired
            && (status.getUpdateRevision() == null
                || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision()));
    return judge(what, desired, ready, observed, rolledOut, pods);
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
      return Readiness.notReady("RollingOut", message + "; rolling out the latest change");
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
    List<ContainerStatus> containers = new ArrayList<>();
    if (status.getInitContainerStatuses() != null) {
      containers.addAll(status.getInitContainerStatuses());
    }
    if (status.getContainerStatuses() != null) {
      containers.addAll(status.getContainerStatuses());
    }
    for (ContainerStatus container : containers) {
      var state = container.getState();
      if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
        String reason = state.getWaiting().getReason();
        if (!"ContainerCreating".equals(reason) && !"PodInitializing".equals(reason)) {
          return Optional.of(reason + withMessage(state.getWaiting().getMessage()));
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
