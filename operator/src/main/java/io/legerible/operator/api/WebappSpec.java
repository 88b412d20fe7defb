package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The website's Deployment, Service and optional Ingress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebappSpec {

  @JsonPropertyDescription("Number of website pods (sessions survive across them).")
  @Default("2")
  @Min(1)
  @Max(50)
  public Integer replicas = 2;

  @JsonPropertyDescription("Container image; empty for the operator's default (legerible/webapp).")
  public String image;

  @JsonPropertyDescription("CPU and memory of each website pod.")
  public ComputeResources resources;

  @JsonPropertyDescription("An Ingress for the website; omit for a ClusterIP Service only.")
  public IngressSpec ingress;

  @JsonPropertyDescription("Nodes, tolerations and priority of the website pods.")
  public Placement placement;
}
