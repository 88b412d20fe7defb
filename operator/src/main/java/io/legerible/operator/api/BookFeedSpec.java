package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The book feed Deployment: on or off, and how fast it publishes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BookFeedSpec {

  @JsonPropertyDescription("Run the feed (default true).")
  @Default("true")
  public Boolean enabled = Boolean.TRUE;

  @JsonPropertyDescription("Scans published per second; 0 keeps only the enriching consumer.")
  @Default("1")
  @Min(0)
  @Max(1000)
  public Integer ratePerSecond = 1;

  @JsonPropertyDescription("Nodes, tolerations and priority of the book feed pod.")
  public Placement placement;
}
