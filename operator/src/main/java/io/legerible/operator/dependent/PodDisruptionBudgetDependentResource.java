package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/**
 * The PodDisruptionBudget of a replicated component: evictions take its pods one at a time. The
 * workflow's reconcile precondition decides that the component has more than one replica, and
 * deletes the budget when it has one.
 */
public abstract class PodDisruptionBudgetDependentResource
    extends LibraryDependentResource<PodDisruptionBudget> {

  private final Component component;

  /** The budget of {@code component}'s pods. */
  protected PodDisruptionBudgetDependentResource(Component component) {
    super(PodDisruptionBudget.class);
    this.component = component;
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, component);
  }

  @Override
  public PodDisruptionBudget build(LegeribleLibrary library, DesiredInputs inputs) {
    PodDisruptionBudget budget =
        Skeleton.load(
            PodDisruptionBudgetDependentResource.class,
            "poddisruptionbudget.yaml",
            PodDisruptionBudget.class,
            library,
            component,
            name(library));
    budget.getSpec().setSelector(PodTemplates.selector(library, component));
    return budget;
  }
}
