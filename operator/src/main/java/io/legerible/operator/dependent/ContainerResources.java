package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.legerible.operator.api.ComputeResources;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies a library's {@link ComputeResources} over the requests and limits of a skeleton. */
public final class ContainerResources {

  private ContainerResources() {}

  /**
   * Overrides the skeleton's values with those set in {@code resources}; null keeps the skeleton.
   */
  public static void apply(Container container, ComputeResources resources) {
    if (resources == null) {
      return;
    }
    ResourceRequirements requirements =
        container.getResources() == null ? new ResourceRequirements() : container.getResources();
    Map<String, Quantity> requests = copy(requirements.getRequests());
    Map<String, Quantity> limits = copy(requirements.getLimits());
    put(requests, "cpu", resources.cpuRequest);
    put(requests, "memory", resources.memoryRequest);
    put(limits, "cpu", resources.cpuLimit);
    put(limits, "memory", resources.memoryLimit);
    requirements.setRequests(requests);
    requirements.setLimits(limits);
    container.setResources(requirements);
  }

  private static Map<String, Quantity> copy(Map<String, Quantity> source) {
    return source == null ? new LinkedHashMap<>() : new LinkedHashMap<>(source);
  }

  private static void put(Map<String, Quantity> target, String key, String value) {
    if (value != null && !value.isBlank()) {
      target.put(key, new Quantity(value));
    }
  }
}
