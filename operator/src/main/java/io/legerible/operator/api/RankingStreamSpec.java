package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The ranking stream: on or off, its trigger interval and its sliding window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.windowSlideMinutes <= self.windowMinutes",
    message = "rankingStream.windowSlideMinutes must not exceed rankingStream.windowMinutes")
public class RankingStreamSpec {

  @JsonPropertyDescription("Run the stream (default true).")
  @Default("true")
  public Boolean enabled = Boolean.TRUE;

  // Half a second: a loan waits a quarter of a second for its batch on average, so it reaches the
  // home page's top 10 within about a second and a half.
  @JsonPropertyDescription(
      "Micro-batch trigger interval of the stream in seconds, e.g. 0.5: how often the ranking and"
          + " the windowed counts take in new loans.")
  // Exclusive: the API server compares a whole number against a fractional minimum truncated, so
  // a minimum of 0.1 would let 0 through.
  @Default("0.5")
  @Min(value = 0, inclusive = false)
  @Max(3600)
  public Double triggerSeconds = 0.5;

  @JsonPropertyDescription("Length of the sliding window of loan counts, in minutes.")
  @Default("60")
  @Min(1)
  @Max(10080)
  public Integer windowMinutes = 60;

  @JsonPropertyDescription("Slide of the window, in minutes; at most the window length.")
  @Default("5")
  @Min(1)
  @Max(10080)
  public Integer windowSlideMinutes = 5;

  @JsonPropertyDescription(
      "CPU and memory of the stream's pod; Spark runs inside it, its heap half the memory limit.")
  public ComputeResources resources;

  @JsonPropertyDescription(
      "The claim holding the stream's checkpoint (its Kafka offsets), kept across restarts."
          + " Its size is fixed once set: the operator creates the claim once.")
  @Default("{}")
  @ValidationRule(
      value = "self.size == oldSelf.size",
      message =
          "analytics.rankingStream.checkpointStorage.size is immutable once set: the operator"
              + " creates the checkpoint's claim once and never resizes it")
  public Storage checkpointStorage = Storage.ofSize("1Gi");
}
