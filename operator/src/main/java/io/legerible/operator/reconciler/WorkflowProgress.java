package io.legerible.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.legerible.operator.api.LegeribleLibrary;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dependents a workflow pass could not reach because one they depend on was not ready yet:
 * their part of the spec is not applied. Read from the reconciler's own {@code @Workflow}, so the
 * order is declared once.
 */
final class WorkflowProgress {

  private static final Map<String, Dependent> DEPENDENTS = new LinkedHashMap<>();

  /** The reconcile precondition of each dependent that has a spec condition, made once. */
  private static final Map<String, Condition<?, ?>> PRECONDITIONS = new LinkedHashMap<>();

  static {
    for (Dependent dependent :
        LegeribleLibraryReconciler.class.getAnnotation(Workflow.class).dependents()) {
      DEPENDENTS.put(dependent.name(), dependent);
      Class<? extends Condition> type = dependent.reconcilePrecondition();
      // Only a spec condition can be judged from the spec alone; any other counts as active.
      if (WorkflowConditions.SpecCondition.class.isAssignableFrom(type)) {
        PRECONDITIONS.put(dependent.name(), instantiate(type));
      }
    }
  }

  private WorkflowProgress() {}

  /**
   * Whether every workflow pass reaches the dependent (it depends on nothing), so that creating it
   * again means it went missing rather than that a pass got that far for the first time.
   */
  static boolean reachedByEveryPass(String dependent) {
    Dependent declared = DEPENDENTS.get(dependent);
    return declared != null && declared.dependsOn().length == 0;
  }

  /**
   * One line per not-ready dependent that held others back: "b, c wait for a". Empty when the pass
   * reached every active dependent.
   */
  static List<String> blocked(LegeribleLibrary library, WorkflowReconcileResult result) {
    Set<String> notReady = new LinkedHashSet<>();
    for (DependentResource<?, ?> dependent : result.getNotReadyDependents()) {
      notReady.add(dependent.name());
    }
    Map<String, List<String>> waitingOn = new LinkedHashMap<>();
    for (Dependent dependent : DEPENDENTS.values()) {
      if (!active(dependent, library)) {
        continue;
      }
      String blocker = firstNotReadyAncestor(dependent, notReady, new LinkedHashSet<>());
      if (blocker != null) {
        waitingOn.computeIfAbsent(blocker, b -> new ArrayList<>()).add(dependent.name());
      }
    }
    List<String> lines = new ArrayList<>();
    waitingOn.forEach(
        (blocker, waiting) ->
            lines.add(
                String.join(", ", waiting)
                    + (waiting.size() == 1 ? " waits" : " wait")
                    + " for "
                    + blocker
                    + " to be ready"));
    return lines;
  }

  private static String firstNotReadyAncestor(
      Dependent dependent, Set<String> notReady, Set<String> seen) {
    for (String parent : dependent.dependsOn()) {
      if (!seen.add(parent)) {
        continue;
      }
      if (notReady.contains(parent)) {
        return parent;
      }
      String further = firstNotReadyAncestor(DEPENDENTS.get(parent), notReady, seen);
      if (further != null) {
        return further;
      }
    }
    return null;
  }

  /** Whether the dependent's reconcile precondition (a spec condition) holds. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean active(Dependent dependent, LegeribleLibrary library) {
    Condition condition = PRECONDITIONS.get(dependent.name());
    return condition == null || condition.isMet(null, library, null);
  }

  private static Condition<?, ?> instantiate(Class<? extends Condition> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InstantiationException
        | IllegalAccessException
        | InvocationTargetException
        | NoSuchMethodException e) {
      throw new IllegalStateException("reconcile precondition " + type + " cannot be made", e);
    }
  }
}
