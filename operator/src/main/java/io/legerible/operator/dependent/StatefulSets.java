package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.Storage;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parts every StatefulSet of a library shares: selector, pod labels, Service and claims. */
public final class StatefulSets {

  private StatefulSets() {}

  /** Sets replicas and the size they stand for, the governing Service, selector and pod labels. */
  public static void identify(
      StatefulSet statefulSet, LegeribleLibrary library, Component component, int replicas) {
    var metadata = statefulSet.getMetadata();
    Map<String, String> annotations =
        metadata.getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(metadata.getAnnotations());
    annotations.put(LibraryNaming.SIZE_ANNOTATION, Integer.toString(replicas));
    metadata.setAnnotations(annotations);
    var spec = statefulSet.getSpec();
    spec.setReplicas(Hibernation.replicas(library, replicas));
    spec.setServiceName(LibraryNaming.name(library, component));
    spec.setSelector(PodTemplates.selector(library, component));
    PodTemplates.label(spec.getTemplate(), library, component);
  }

  /** Whether {@code statefulSet} runs {@code size} pods, all of them ready. */
  public static boolean allReady(StatefulSet statefulSet, int size) {
    var status = statefulSet.getStatus();
    return status != null
        && status.getReadyReplicas() != null
        && status.getReadyReplicas() == size
        && status.getReplicas() != null
        && status.getReplicas() == size;
  }

  /** The data claim the StatefulSet named {@code statefulSet} made for its pod {@code ordinal}. */
  public static String dataClaim(String statefulSet, int ordinal) {
    return VolumeExpansion.CLAIM_TEMPLATE + "-" + statefulSet + "-" + ordinal;
  }

  /**
   * The names of the data claims of the StatefulSet named {@code statefulSet}; group 1 the ordinal.
   */
  public static Pattern dataClaims(String statefulSet) {
    return Pattern.compile(
        Pattern.quote(VolumeExpansion.CLAIM_TEMPLATE + "-" + statefulSet + "-") + "(\\d+)");
  }

  /**
   * How many members a StatefulSet of a library is sized for: its size annotation, else (written by
   * an operator before the annotation) its replicas.
   */
  public static int size(StatefulSet statefulSet) {
    Map<String, String> annotations = statefulSet.getMetadata().getAnnotations();
    String size = annotations == null ? null : annotations.get(LibraryNaming.SIZE_ANNOTATION);
    if (size != null) {
      return Integer.parseInt(size);
    }
    Integer replicas = statefulSet.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /**
   * Sizes the skeleton's claim templates and decides what happens to the claims when the library is
   * deleted: kept (the default) or deleted with the StatefulSet.
   */
  public static void claims(
      StatefulSet statefulSet,
      LegeribleLibrary library,
      Component component,
      Storage storage,
      boolean retainOnDelete) {
    for (PersistentVolumeClaim claim : statefulSet.getSpec().getVolumeClaimTemplates()) {
      claim.getMetadata().setLabels(LibraryNaming.labels(library, component));
      claim.getSpec().getResources().setRequests(Map.of("storage", new Quantity(storage.size)));
      if (storage.storageClass != null && !storage.storageClass.isBlank()) {
        claim.getSpec().setStorageClassName(storage.storageClass);
      }
    }
    statefulSet
        .getSpec()
        .setPersistentVolumeClaimRetentionPolicy(
            new StatefulSetPersistentVolumeClaimRetentionPolicy(
                retainOnDelete ? "Retain" : "Delete", "Retain"));
  }

  /** The storage request of the StatefulSet's claim template, if it has one. */
  public static Optional<Quantity> claimTemplateSize(StatefulSet statefulSet) {
    return statefulSet.getSpec().getVolumeClaimTemplates().stream()
        .filter(claim -> VolumeExpansion.CLAIM_TEMPLATE.equals(claim.getMetadata().getName()))
        .map(claim -> claim.getSpec().getResources().getRequests())
        .filter(requests -> requests != null && requests.containsKey("storage"))
        .map(requests -> requests.get("storage"))
        .findFirst();
  }

  /** Sets the storage request of the StatefulSet's claim templates to {@code size}. */
  static void sizeClaimTemplates(StatefulSet statefulSet, Quantity size) {
    for (PersistentVolumeClaim claim : statefulSet.getSpec().getVolumeClaimTemplates()) {
      claim.getSpec().getResources().setRequests(Map.of("storage", size));
    }
  }
}
