package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.LibraryObservation;

/** Reads a library's workloads and pods from the informer caches of a reconciliation. */
final class Observations {

  private Observations() {}

  static LibraryObservation of(Context<LegeribleLibrary> context) {
    return LibraryObservation.of(
        context.getSecondaryResources(StatefulSet.class),
        context.getSecondaryResources(Deployment.class),
        context.getSecondaryResources(Job.class),
        context.getSecondaryResources(CronJob.class),
        context.getSecondaryResources(Pod.class));
  }

  /** As {@link #of(Context)}, with the library's external endpoints checked by connecting. */
  static LibraryObservation withExternalChecks(
      LegeribleLibrary library, Context<LegeribleLibrary> context) {
    return of(context)
        .withUnreachable(ExternalEndpoints.unreachable(ExternalEndpoints.of(library)));
  }
}
