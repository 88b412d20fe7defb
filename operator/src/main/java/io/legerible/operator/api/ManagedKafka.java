package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Settings of the KRaft Kafka cluster the operator runs (each node is broker and controller). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedKafka {

  @JsonPropertyDescription("Container image; empty for the operator's default (apache/kafka).")
  public String image;

  @JsonPropertyDescription("Number of Kafka nodes, each broker and controller: 1 or 3 (a quorum).")
  @Default("1")
  @Min(1)
  @Max(5)
  public Integer replicas = 1;

  @JsonPropertyDescription("The log volume of each node.")
  @Default("{}")
  public Storage storage = new Storage();

  @JsonPropertyDescription(
      "Keep the log volumes when the library is deleted (default true); false deletes them.")
  @Default("true")
  public Boolean retainOnDelete = Boolean.TRUE;

  @JsonPropertyDescription("CPU and memory of each node.")
  public ComputeResources resources;

  @JsonPropertyDescription("Nodes, tolerations and priority of the Kafka pods.")
  public Placement placement;
}
