package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects, during one reconciliation, the dependents written although the library's generation had
 * already been reconciled: drift the operator corrected. The reconciler turns them into Events.
 */
public final class DriftLog {

  private static final String KEY = DriftLog.class.getName();

  private DriftLog() {}

  /** Starts an empty log for this reconciliation. */
  public static void start(Context<LegeribleLibrary> context) {
    context
        .managedWorkflowAndDependentResourceContext()
        .put(KEY, new ConcurrentLinkedQueue<String>());
  }

  /** What was corrected in this reconciliation. */
  @SuppressWarnings("unchecked")
  public static List<String> corrections(Context<LegeribleLibrary> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(KEY, Queue.class)
        .map(queue -> List.<String>copyOf(queue))
        .orElse(List.of());
  }

  /** Records a write of {@code object} when it corrects drift rather than follows a spec change. */
  @SuppressWarnings("unchecked")
  static void record(
      Context<LegeribleLibrary> context,
      LegeribleLibrary library,
      HasMetadata object,
      boolean created) {
    var status = library.getStatus();
    boolean generationAlreadyReconciled =
        status != null
            && status.observedGeneration != null
            && status.observedGeneration.equals(library.getMetadata().getGeneration());
    if (!generationAlreadyReconciled) {
      return;
    }
    String what = object.getKind() + " " + object.getMetadata().getName();
    context
        .managedWorkflowAndDependentResourceContext()
        .get(KEY, Queue.class)
        .ifPresent(
            queue ->
                queue.add(
                    created
                        ? what + " was missing and has been re-created"
                        : what + " differed from the desired state and has been restored"));
  }
}
