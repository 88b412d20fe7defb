package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;

/** What the operator's probe events found on the way from Kafka to PostgreSQL and Cassandra. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPathStatus {

  @JsonPropertyDescription(
      "When the newest probe event that reached both PostgreSQL and Cassandra was sent: the live"
          + " ranking and loan trend count every event sent before it.")
  public String lastArrival;

  @JsonPropertyDescription(
      "Milliseconds the newest arrived probe spent on each hop: kafka (sent to acknowledged),"
          + " rankingStream (acknowledged to read by the stream), postgres and cassandra (read to"
          + " written). Refreshed at most once a minute.")
  public Map<String, Long> latencyMillis;

  @JsonPropertyDescription(
      "Events on the loans topic the ranking stream has not counted yet (the topic's end minus"
          + " the positions the stream records with its ranking). Refreshed at most once a minute.")
  public Long eventsWaiting;

  @JsonPropertyDescription(
      "The hop where probes stop when they do not arrive: kafka, rankingStream, postgres or"
          + " cassandra.")
  public String failingHop;

  @JsonPropertyDescription("What the probes found, in words.")
  public String message;

  @Override
  public boolean equals(Object o) {
    return o instanceof DataPathStatus that
        && Objects.equals(lastArrival, that.lastArrival)
        && Objects.equals(latencyMillis, that.latencyMillis)
        && Objects.equals(eventsWaiting, that.eventsWaiting)
        && Objects.equals(failingHop, that.failingHop)
        && Objects.equals(message, that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastArrival, latencyMillis, eventsWaiting, failingHop, message);
  }
}
