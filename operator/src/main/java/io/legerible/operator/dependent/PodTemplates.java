package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.LinkedHashMap;
import java.util.Map;

/** Identity of pod templates: labels, selectors and the hashes of what the pods read. */
public final class PodTemplates {

  private PodTemplates() {}

  /** A mount of {@code volume} at {@code path}, read-only when asked. */
  public static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }

  /** The selector of a component's pods. */
  public static LabelSelector selector(LegeribleLibrary library, Component component) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(LibraryNaming.selectorLabels(library, component));
    return selector;
  }

  /** Labels the template with the component's labels and returns it. */
  public static PodTemplateSpec label(
      PodTemplateSpec template, LegeribleLibrary library, Component component) {
    ObjectMeta metadata =
        template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    metadata.setLabels(LibraryNaming.labels(library, component));
    template.setMetadata(metadata);
    return template;
  }

  /**
   * Puts the hash of each named ConfigMap or Secret on the template, so the pods roll when (and
   * only when) something they read changes. A Secret whose hash is not known yet gets none.
   */
  public static void annotateHashes(
      PodTemplateSpec template, LegeribleLibrary library, Map<String, String> hashesByName) {
    Map<String, String> annotations =
        template.getMetadata().getAnnotations() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(template.getMetadata().getAnnotations());
    hashesByName.forEach(
        (name, hash) -> annotations.put(LibraryNaming.hashAnnotation(name, library), hash));
    template.getMetadata().setAnnotations(annotations);
  }

  /** The named container of the template; the skeleton must declare it. */
  public static Container container(PodTemplateSpec template, String name) {
    return template.getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("skeleton has no container " + name));
  }
}
