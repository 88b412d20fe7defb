package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Settings of the Cassandra ring the operator runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedCassandra {

  @JsonPropertyDescription("Container image; empty for the operator's default (cassandra).")
  public String image;

  @JsonPropertyDescription(
      "Number of Cassandra nodes. Fewer decommissions the highest nodes one at a time (their data"
          + " streamed to the others, then their claims deleted); more adds nodes one at a time,"
          + " then the earlier nodes run nodetool cleanup. Never below replicationFactor.")
  @Default("1")
  @Min(1)
  @Max(9)
  public Integer replicas = 1;

  @JsonPropertyDescription("JVM heap of each node, e.g. 512M (MAX_HEAP_SIZE).")
  @Default("512M")
  @Pattern("^[1-9][0-9]*[MG]$")
  public String heapSize = "512M";

  @JsonPropertyDescription("The data volume of each node.")
  @Default("{}")
  public Storage storage = new Storage();

  @JsonPropertyDescription(
      "Keep the data volumes when the library is deleted (default true); false deletes them.")
  @Default("true")
  public Boolean retainOnDelete = Boolean.TRUE;

  @JsonPropertyDescription("CPU and memory of each node.")
  public ComputeResources resources;

  @JsonPropertyDescription("Nodes, tolerations and priority of the Cassandra pods.")
  public Placement placement;
}
