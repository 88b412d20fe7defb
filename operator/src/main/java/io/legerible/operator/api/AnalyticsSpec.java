package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Spark analytics: the ranking stream, the recommendations schedule and their executors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalyticsSpec {

  @JsonPropertyDescription("The live loan-ranking stream (Spark Structured Streaming).")
  @Default("{}")
  public RankingStreamSpec rankingStream = new RankingStreamSpec();

  @JsonPropertyDescription("The recommendations batch job and when it runs.")
  @Default("{}")
  public RecommendationsSpec recommendations = new RecommendationsSpec();

  @JsonPropertyDescription("Spark executors of both jobs.")
  @Default("{}")
  public ExecutorsSpec executors = new ExecutorsSpec();

  @JsonPropertyDescription(
      "Nodes, tolerations and priority of the ranking stream's pod and of the recommendations"
          + " submitter's pods (not of the Spark driver and executors a run starts).")
  public Placement placement;
}
