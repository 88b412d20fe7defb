package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.legerible.operator.api.LegeribleLibrary;

/** What hibernation does to a library's workloads: no replicas and no scheduled runs. */
public final class Hibernation {

  private Hibernation() {}

  /** The replicas to run: {@code wanted}, or none while the library hibernates. */
  public static int replicas(LegeribleLibrary library, int wanted) {
    return library.getSpec().hibernating() ? 0 : wanted;
  }

  /** Whether a schedule is suspended: as the spec asks, and always while the library hibernates. */
  public static boolean suspended(LegeribleLibrary library, Boolean suspendedBySpec) {
    return Boolean.TRUE.equals(suspendedBySpec) || library.getSpec().hibernating();
  }

  /** Scales a Deployment, as built, to zero while the library hibernates. */
  public static Deployment scaled(Deployment deployment, LegeribleLibrary library) {
    var spec = deployment.getSpec();
    spec.setReplicas(replicas(library, spec.getReplicas() == null ? 1 : spec.getReplicas()));
    return deployment;
  }
}
