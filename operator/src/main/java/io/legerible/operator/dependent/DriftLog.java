package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Collects, during one reconciliation, the dependents written although the library's generation had
 * already been reconciled: drift the operator corrected. The reconciler turns them into Events. A
 * dependent created while the generation was not yet fully applied may simply have been reached for
 * the first time (its tier waited on readiness): it is kept apart, for the reconciler to judge.
 */
public final class DriftLog {

  private static final String KEY = DriftLog.class.getName();

  private DriftLog() {}

  /** One write: the dependent's workflow name, and whether it may be a first reach, not drift. */
  private record Write(String dependent, boolean firstReachPossible, String message) {}

  /** Starts an empty log for this reconciliation. */
  public static void start(Context<LegeribleLibrary> context) {
    context
        .managedWorkflowAndDependentResourceContext()
        .put(KEY, new ConcurrentLinkedQueue<Write>());
  }

  /**
   * What was corrected in this reconciliation. A creation made while the generation was not fully
   * applied counts only for a dependent {@code reachedBefore} says an earlier pass had reached.
   */
  @SuppressWarnings("unchecked")
  public static List<String> corrections(
      Context<LegeribleLibrary> context, Predicate<String> reachedBefore) {
    Queue<Write> writes =
        context
            .managedWorkflowAndDependentResourceContext()
            .get(KEY, Queue.class)
            .orElse(new ConcurrentLinkedQueue<Write>());
    return writes.stream()
        .filter(w -> !w.firstReachPossible() || reachedBefore.test(w.dependent()))
        .map(Write::message)
        .toList();
  }

  /** Records a write of {@code object} when it corrects drift rather than follows a spec change. */
  @SuppressWarnings("unchecked")
  static void record(
      Context<LegeribleLibrary> context,
      LegeribleLibrary library,
      String dependent,
      HasMetadata object,
      boolean created) {
    var status = library.getStatus();
    Long generation = library.getMetadata().getGeneration();
    boolean generationAlreadyReconciled =
        status != null
            && status.observedGeneration != null
            && status.observedGeneration.equals(generation);
    if (!generationAlreadyReconciled) {
      return;
    }
    boolean fullyApplied =
        status.appliedGeneration != null && status.appliedGeneration.equals(generation);
    String what = object.getKind() + " " + object.getMetadata().getName();
    context
        .managedWorkflowAndDependentResourceContext()
        .get(KEY, Queue.class)
        .ifPresent(
            queue ->
                queue.add(
                    new Write(
                        dependent,
                        created && !fullyApplied,
                        created
                            ? what + " was missing and has been re-created"
                            : what + " differed from the desired state and has been restored")));
  }
}
