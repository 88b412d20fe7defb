package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Settings of the memcached server the operator runs: one server behind one Service, so every
 * website pod sees the same cache and an eviction reaches everyone (a cache: no storage).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedMemcached {

  @JsonPropertyDescription("Container image; empty for the operator's default.")
  public String image;

  @JsonPropertyDescription("Cache memory per server, in MiB (memcached -m).")
  @Default("64")
  @Min(16)
  @Max(65536)
  public Integer memoryMegabytes = 64;

  @JsonPropertyDescription("CPU and memory of each server.")
  public ComputeResources resources;

  @JsonPropertyDescription("Nodes, tolerations and priority of the memcached pods.")
  public Placement placement;
}
