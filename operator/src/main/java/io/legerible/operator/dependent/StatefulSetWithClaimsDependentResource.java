package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A StatefulSet whose pods keep their data on claims, which grow with {@code storage.size} when
 * their StorageClass allows it: the operator patches each claim to the new size, then replaces the
 * StatefulSet so that its claim template says the same.
 *
 * <p>Kubernetes v1.35 still refuses any change to a StatefulSet's volumeClaimTemplates (its update
 * validation lets only replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
 * persistentVolumeClaimRetentionPolicy and minReadySeconds change; KEP-4650, updating claim
 * templates, is not in it). So, as Strimzi, CloudNativePG and cass-operator do, the StatefulSet is
 * deleted with propagation Orphan (its pods keep running on their claims) and created again from
 * the new template, which adopts the pods: the pod template is unchanged, so no pod restarts.
 */
public abstract class StatefulSetWithClaimsDependentResource
    extends LibraryDependentResource<StatefulSet> {

  private static final Logger LOG =
      LoggerFactory.getLogger(StatefulSetWithClaimsDependentResource.class);

  private final Component component;

  protected StatefulSetWithClaimsDependentResource(Component component) {
    super(StatefulSet.class);
    this.component = component;
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, component);
  }

  @Override
  protected StatefulSet desired(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    StatefulSet desired = super.desired(library, context);
    if (expansion(library, context).refused()) {
      // The claims cannot grow: the template keeps their size rather than announce one no claim
      // gets, and the StatefulSet is not replaced for it.
      getSecondaryResource(library, context)
          .flatMap(StatefulSets::claimTemplateSize)
          .ifPresent(size -> StatefulSets.sizeClaimTemplates(desired, size));
    }
    return desired;
  }

  @Override
  protected ReconcileResult<StatefulSet> reconcile(
      LegeribleLibrary library, StatefulSet actual, Context<LegeribleLibrary> context) {
    VolumeExpansion expansion = expansion(library, context);
    if (expansion.refused()) {
      return super.reconcile(library, actual, context);
    }
    for (PersistentVolumeClaim claim : expansion.toGrow()) {
      grow(claim, expansion.size(), context);
    }
    if (actual != null
        && StatefulSets.claimTemplateSize(actual).map(expansion::templateDiffers).orElse(false)) {
      replace(actual, context);
      return ReconcileResult.noOperation(actual);
    }
    return super.reconcile(library, actual, context);
  }

  /**
   * A StatefulSet created while its pods run without an owner replaces the one {@link #replace}
   * removed (or one deleted with --cascade=orphan): nothing was lost, so it is no drift.
   */
  @Override
  protected boolean restoresMissingObject(
      LegeribleLibrary library, Context<LegeribleLibrary> context) {
    return context
        .getSecondaryResourcesAsStream(Pod.class)
        .noneMatch(
            pod ->
                pod.getMetadata().getLabels() != null
                    && component
                        .label()
                        .equals(pod.getMetadata().getLabels().get(LibraryNaming.COMPONENT_LABEL))
                    && (pod.getMetadata().getOwnerReferences() == null
                        || pod.getMetadata().getOwnerReferences().isEmpty()));
  }

  private VolumeExpansion expansion(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    return VolumeExpansion.shared(context, component)
        .orElseGet(
            () ->
                VolumeExpansion.none(
                    name(library),
                    VolumeExpansion.statefulSetStorage(library).get(component).size));
  }

  private static void grow(
      PersistentVolumeClaim claim, String size, Context<LegeribleLibrary> context) {
    LOG.info(
        "Growing claim {}/{} to {}",
        claim.getMetadata().getNamespace(),
        claim.getMetadata().getName(),
        size);
    PersistentVolumeClaim patch =
        new PersistentVolumeClaimBuilder()
            .withNewSpec()
            .withNewResources()
            .addToRequests("storage", new Quantity(size))
            .endResources()
            .endSpec()
            .build();
    context
        .getClient()
        .persistentVolumeClaims()
        .inNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /**
   * Deletes the StatefulSet, leaving its pods and claims: the next reconciliation, which its
   * deletion triggers, creates it with the new claim template.
   */
  private static void replace(StatefulSet actual, Context<LegeribleLibrary> context) {
    if (actual.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    LOG.info(
        "Replacing StatefulSet {}/{} to change its claim template; its pods keep running",
        actual.getMetadata().getNamespace(),
        actual.getMetadata().getName());
    context
        .getClient()
        .apps()
        .statefulSets()
        .inNamespace(actual.getMetadata().getNamespace())
        .withName(actual.getMetadata().getName())
        .withPropagationPolicy(DeletionPropagation.ORPHAN)
        .delete();
  }
}
