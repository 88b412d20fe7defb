package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Settings of the KRaft Kafka cluster the operator runs: controllers that are also brokers, fixed
 * when created, and broker-only nodes beyond them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedKafka {

  @JsonPropertyDescription("Container image; empty for the operator's default (apache/kafka).")
  public String image;

  @JsonPropertyDescription(
      "Number of Kafka brokers. The first ones are also the KRaft controllers, fixed when the"
          + " library is created (3 when created with 3 or more brokers, else 1); more brokers are"
          + " broker-only nodes, added and removed with their partitions moved first.")
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
