package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Spark executors: how many and how big. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExecutorsSpec {

  @JsonPropertyDescription("Executors per Spark application.")
  @Default("1")
  @Min(1)
  @Max(20)
  public Integer instances = 1;

  @JsonPropertyDescription("Memory of each executor in Spark notation, e.g. 1g or 512m.")
  @Default("1g")
  @Pattern("^[1-9][0-9]*[mg]$")
  public String memory = "1g";

  @JsonPropertyDescription("CPU cores of each executor.")
  @Default("1")
  @Min(1)
  @Max(16)
  public Integer cores = 1;

  @JsonPropertyDescription("CPU and memory of the driver pods (ranking stream, recommendations).")
  public ComputeResources driverResources;
}
