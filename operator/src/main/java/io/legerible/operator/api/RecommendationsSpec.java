package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** When the recommendations batch runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecommendationsSpec {

  @JsonPropertyDescription(
      "Cron schedule (five fields, minute hour day-of-month month day-of-week), e.g. '0 * * * *'.")
  @Default("17 * * * *")
  public String schedule = "17 * * * *";

  @JsonPropertyDescription("Suspend the schedule without deleting it.")
  @Default("false")
  public Boolean suspend = Boolean.FALSE;
}
