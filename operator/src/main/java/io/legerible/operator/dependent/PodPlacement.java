package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.Placement;
import io.legerible.operator.naming.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Where a component's pods run: a library's {@link Placement}, and replicas spread over nodes. */
public final class PodPlacement {

  // Replicas are spread over nodes: zones would need a library to know its cluster's topology.
  private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

  private PodPlacement() {}

  /** Sets the node selector, tolerations and priority class {@code placement} names, if any. */
  public static void apply(PodSpec pod, Placement placement) {
    if (placement == null) {
      return;
    }
    if (placement.nodeSelector != null && !placement.nodeSelector.isEmpty()) {
      pod.setNodeSelector(new LinkedHashMap<>(placement.nodeSelector));
    }
    if (placement.tolerations != null && !placement.tolerations.isEmpty()) {
      List<Toleration> tolerations = new ArrayList<>();
      for (Placement.Toleration toleration : placement.tolerations) {
        tolerations.add(
            new TolerationBuilder()
                .withKey(toleration.key)
                .withOperator(toleration.operator == null ? null : toleration.operator.value())
                .withValue(toleration.value)
                .withEffect(toleration.effect == null ? null : toleration.effect.value())
                .withTolerationSeconds(toleration.tolerationSeconds)
                .build());
      }
      pod.setTolerations(tolerations);
    }
    if (placement.priorityClassName != null && !placement.priorityClassName.isBlank()) {
      pod.setPriorityClassName(placement.priorityClassName);
    }
  }

  /**
   * Asks the scheduler to put the component's replicas on different nodes where it can. A
   * preference ({@code ScheduleAnyway}), never a requirement: a one-node cluster still runs every
   * replica. Set whatever the replica count, so that scaling does not roll the pods.
   */
  public static void spreadOverNodes(
      PodTemplateSpec template, LegeribleLibrary library, Component component) {
    template
        .getSpec()
        .setTopologySpreadConstraints(
            List.of(
                new TopologySpreadConstraintBuilder()
                    .withMaxSkew(1)
                    .withTopologyKey(HOSTNAME_TOPOLOGY)
                    .withWhenUnsatisfiable("ScheduleAnyway")
                    .withLabelSelector(PodTemplates.selector(library, component))
                    .build()));
  }
}
