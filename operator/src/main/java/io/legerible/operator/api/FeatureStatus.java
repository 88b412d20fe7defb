package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** Whether one feature members use works, and what stops it when it does not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureStatus {

  @JsonPropertyDescription(
      "Available, Impaired (a part it needs is down or failing), Starting (a part it needs has"
          + " not been ready yet), Disabled (turned off in the spec) or Hibernated (spec.hibernate).")
  public String state;

  @JsonPropertyDescription("The parts that impair or hold up the feature, e.g. cassandra.")
  public List<String> impairedBy;

  @JsonPropertyDescription("What the feature needs and, when it is not available, why not.")
  public String message;

  @JsonPropertyDescription(
      "How current the data members see is. recommendations: when the last run succeeded;"
          + " liveRanking and loanTrend: when the newest probe event that reached PostgreSQL and"
          + " Cassandra was sent (every event sent before it is counted).")
  public String lastSuccess;

  @JsonPropertyDescription(
      "liveRanking only: loan events waiting to be counted in the ranking (see"
          + " status.dataPath.eventsWaiting).")
  public Long eventsWaiting;

  /** A feature status with the given fields. */
  public static FeatureStatus of(
      String state, List<String> impairedBy, String message, String lastSuccess) {
    FeatureStatus status = new FeatureStatus();
    status.state = state;
    status.impairedBy = impairedBy == null || impairedBy.isEmpty() ? null : List.copyOf(impairedBy);
    status.message = message;
    status.lastSuccess = lastSuccess;
    return status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureStatus that
        && Objects.equals(state, that.state)
        && Objects.equals(impairedBy, that.impairedBy)
        && Objects.equals(message, that.message)
        && Objects.equals(lastSuccess, that.lastSuccess)
        && Objects.equals(eventsWaiting, that.eventsWaiting);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, impairedBy, message, lastSuccess, eventsWaiting);
  }
}
