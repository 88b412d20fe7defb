package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.legerible.operator.dependent.VolumeExpansion;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the operator sees of one library at one moment: its workloads and pods by object name, and
 * the external endpoints that did not accept a connection (endpoint to reason), what the data-path
 * probes found (null when they have nothing to say yet), how growing each StatefulSet's claims
 * stands, the changes still being carried out, and when (null: not said).
 */
public record LibraryObservation(
    Map<String, StatefulSet> statefulSets,
    Map<String, Deployment> deployments,
    Map<String, Job> jobs,
    Map<String, CronJob> cronJobs,
    List<Pod> pods,
    Map<String, String> unreachableEndpoints,
    DataPathReport dataPath,
    List<VolumeExpansion> volumeExpansions,
    List<OperationInProgress> operations,
    Instant observedAt) {

  /** An observation of the given objects. */
  public static LibraryObservation of(
      Collection<StatefulSet> statefulSets,
      Collection<Deployment> deployments,
      Collection<Job> jobs,
      Collection<CronJob> cronJobs,
      Collection<Pod> pods) {
    return new LibraryObservation(
        byName(statefulSets),
        byName(deployments),
        byName(jobs),
        byName(cronJobs),
        List.copyOf(pods),
        Map.of(),
        null,
        List.of(),
        List.of(),
        null);
  }

  /** This observation, with the external endpoints that did not answer. */
  public LibraryObservation withUnreachable(Map<String, String> unreachable) {
    return new LibraryObservation(
        statefulSets,
        deployments,
        jobs,
        cronJobs,
        pods,
        Map.copyOf(unreachable),
        dataPath,
        volumeExpansions,
        operations,
        observedAt);
  }

  /** This observation, with what the data-path probes found. */
  public LibraryObservation withDataPath(DataPathReport report) {
    return new LibraryObservation(
        statefulSets,
        deployments,
        jobs,
        cronJobs,
        pods,
        unreachableEndpoints,
        report,
        volumeExpansions,
        operations,
        observedAt);
  }

  /** This observation, with how growing each StatefulSet's claims stands. */
  public LibraryObservation withVolumeExpansions(List<VolumeExpansion> expansions) {
    return new LibraryObservation(
        statefulSets,
        deployments,
        jobs,
        cronJobs,
        pods,
        unreachableEndpoints,
        dataPath,
        List.copyOf(expansions),
        operations,
        observedAt);
  }

  /** This observation, with the changes still being carried out. */
  public LibraryObservation withOperations(List<OperationInProgress> inProgress) {
    return new LibraryObservation(
        statefulSets,
        deployments,
        jobs,
        cronJobs,
        pods,
        unreachableEndpoints,
        dataPath,
        volumeExpansions,
        List.copyOf(inProgress),
        observedAt);
  }

  /** This observation, made at {@code instant}. */
  public LibraryObservation at(Instant instant) {
    return new LibraryObservation(
        statefulSets,
        deployments,
        jobs,
        cronJobs,
        pods,
        unreachableEndpoints,
        dataPath,
        volumeExpansions,
        operations,
        instant);
  }

  /** The pods of a component's StatefulSet or Deployment (not those of its Jobs). */
  public List<Pod> podsOf(Component component) {
    return pods.stream()
        .filter(
            pod ->
                pod.getMetadata().getLabels() != null
                    && component
                        .label()
                        .equals(pod.getMetadata().getLabels().get(LibraryNaming.COMPONENT_LABEL)))
        .filter(
            pod ->
                pod.getMetadata().getOwnerReferences() == null
                    || pod.getMetadata().getOwnerReferences().stream()
                        .noneMatch(owner -> "Job".equals(owner.getKind())))
        .toList();
  }

  private static <T extends HasMetadata> Map<String, T> byName(Collection<T> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(), (a, b) -> a));
  }
}
