package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.legerible.operator.api.LegeribleLibrary;

/**
 * A Kubernetes object a library owns (garbage-collected with it): desired state comes from a pure
 * {@link #build} and the object is found by its name, without computing desired state.
 */
public abstract class LibraryDependentResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, LegeribleLibrary> {

  protected LibraryDependentResource(Class<R> type) {
    super(type);
  }

  /** Name of the object for {@code library}, from the naming class. */
  protected abstract String name(LegeribleLibrary library);

  /** The desired object: pure, testable without a cluster. */
  protected abstract R build(LegeribleLibrary library, DesiredInputs inputs);

  @Override
  protected R desired(LegeribleLibrary primary, Context<LegeribleLibrary> context) {
    return build(primary, DesiredInputs.from(context));
  }

  @Override
  protected ResourceID targetSecondaryResourceID(
      LegeribleLibrary primary, Context<LegeribleLibrary> context) {
    return new ResourceID(name(primary), primary.getMetadata().getNamespace());
  }

  @Override
  public R create(R desired, LegeribleLibrary primary, Context<LegeribleLibrary> context) {
    R created = super.create(desired, primary, context);
    if (restoresMissingObject(primary, context)) {
      DriftLog.record(context, primary, name(), desired, true);
    }
    return created;
  }

  /**
   * Whether creating the object now restores one that went missing (drift), rather than replaces
   * one the operator removed itself in order to re-create it.
   */
  protected boolean restoresMissingObject(
      LegeribleLibrary primary, Context<LegeribleLibrary> context) {
    return true;
  }

  @Override
  public R update(
      R actual, R desired, LegeribleLibrary primary, Context<LegeribleLibrary> context) {
    R updated = super.update(actual, desired, primary, context);
    DriftLog.record(context, primary, name(), desired, false);
    return updated;
  }
}
