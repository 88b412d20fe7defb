package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Spark executors and driver of the recommendations batch: how many and how big. */
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

  @JsonPropertyDescription("Tasks each executor runs at once (Spark's executor cores).")
  @Default("1")
  @Min(1)
  @Max(16)
  public Integer cores = 1;

  @JsonPropertyDescription(
      "CPU each executor pod requests, e.g. 250m or 2; may be below one core on a small node.")
  @Default("250m")
  @Pattern("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$")
  public String cpuRequest = "250m";

  @JsonPropertyDescription("Heap of the recommendations driver in Spark notation, e.g. 512m.")
  @Default("512m")
  @Pattern("^[1-9][0-9]*[mg]$")
  public String driverMemory = "512m";

  @JsonPropertyDescription("CPU the recommendations driver pod requests, e.g. 200m.")
  @Default("200m")
  @Pattern("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$")
  public String driverCpuRequest = "200m";
}
