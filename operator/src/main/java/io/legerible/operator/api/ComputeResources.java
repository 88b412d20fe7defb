package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory requests and limits of one container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeResources {

  @JsonPropertyDescription("CPU request, e.g. 250m or 1.")
  @Pattern("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$")
  public String cpuRequest;

  @JsonPropertyDescription("Memory request, e.g. 512Mi.")
  @Pattern("^[0-9]+(Ki|Mi|Gi)$")
  public String memoryRequest;

  @JsonPropertyDescription("CPU limit, e.g. 2; empty for no limit.")
  @Pattern("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$")
  public String cpuLimit;

  @JsonPropertyDescription("Memory limit, e.g. 1Gi; must not be below the request.")
  @Pattern("^[0-9]+(Ki|Mi|Gi)$")
  public String memoryLimit;

  /** Resources with the given requests and equal memory limit. */
  public static ComputeResources of(String cpuRequest, String memory) {
    ComputeResources resources = new ComputeResources();
    resources.cpuRequest = cpuRequest;
    resources.memoryRequest = memory;
    resources.memoryLimit = memory;
    return resources;
  }
}
