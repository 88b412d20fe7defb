package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.legerible.operator.api.LegeribleLibrary;

/**
 * An object a library owns that is created once and never updated: generated credentials (which
 * must never be regenerated) and one-shot Jobs (whose pod template is immutable).
 */
public abstract class CreateOnlyDependentResource<R extends HasMetadata>
    extends KubernetesDependentResource<R, LegeribleLibrary>
    implements Creator<R, LegeribleLibrary>, GarbageCollected<LegeribleLibrary> {

  protected CreateOnlyDependentResource(Class<R> type) {
    super(type);
  }

  /** Name of the object for {@code library}, from the naming class. */
  protected abstract String name(LegeribleLibrary library);

  /** The object to create: pure, testable without a cluster. */
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
    DriftLog.record(context, primary, name(), desired, true);
    return created;
  }
}
