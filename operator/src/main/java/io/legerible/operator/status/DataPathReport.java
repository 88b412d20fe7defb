package io.legerible.operator.status;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the data-path probes of one library found: probes arriving (with the latency of each hop of
 * the newest), not arriving (the failing hop and why), or not checked. Equal reports mean nothing
 * new to write.
 *
 * @param outcome arriving, not arriving or not checked
 * @param failingHop when not arriving: kafka, rankingStream, postgres or cassandra
 * @param message what was found, in words
 * @param lastArrival when the newest probe that went all the way was sent; null if none has
 * @param latencyMillis when arriving: milliseconds per hop of the newest probe, in path order
 * @param eventsWaiting events on the loans topic the ranking stream has not counted; null when
 *     unknown
 * @param clientFailed when not arriving: the operator's own client, with the programs' settings,
 *     could not connect, log in or query at the failing hop (so the programs cannot either)
 */
public record DataPathReport(
    Outcome outcome,
    String failingHop,
    String message,
    Instant lastArrival,
    Map<String, Long> latencyMillis,
    Long eventsWaiting,
    boolean clientFailed) {

  /** The three things probes can find. */
  public enum Outcome {
    ARRIVING,
    NOT_ARRIVING,
    NOT_CHECKED
  }

  /** The hops of the path, in order. */
  public static final String KAFKA = "kafka";

  /** The ranking stream reading the probe from Kafka. */
  public static final String RANKING_STREAM = "rankingStream";

  /** The stream's write to PostgreSQL. */
  public static final String POSTGRES = "postgres";

  /** The stream's write to Cassandra. */
  public static final String CASSANDRA = "cassandra";

  /** Probes arrive; {@code latencyMillis} of the newest, sent at {@code lastArrival}. */
  public static DataPathReport arriving(
      Instant lastArrival, Map<String, Long> latencyMillis, Long eventsWaiting) {
    return new DataPathReport(
        Outcome.ARRIVING,
        null,
        "Probe events go through Kafka and the ranking stream to PostgreSQL and Cassandra",
        lastArrival,
        Map.copyOf(latencyMillis),
        eventsWaiting,
        false);
  }

  /** Probes do not arrive: {@code hop} fails, as {@code message} says. */
  public static DataPathReport notArriving(
      String hop, String message, Instant lastArrival, Long eventsWaiting) {
    return new DataPathReport(
        Outcome.NOT_ARRIVING, hop, message, lastArrival, null, eventsWaiting, false);
  }

  /**
   * Probes do not arrive because the operator's client failed at {@code hop} with the settings the
   * programs use, as {@code message} says.
   */
  public static DataPathReport refusedAt(
      String hop, String message, Instant lastArrival, Long eventsWaiting) {
    return new DataPathReport(
        Outcome.NOT_ARRIVING, hop, message, lastArrival, null, eventsWaiting, true);
  }

  /** The failure of the operator's client at {@code hop}, if that is this report's verdict. */
  public Optional<String> clientFailureAt(String hop) {
    return clientFailed && hop.equals(failingHop) ? Optional.of(message) : Optional.empty();
  }

  /** The path is not checked, for the reason {@code message} gives. */
  public static DataPathReport notChecked(String message) {
    return new DataPathReport(Outcome.NOT_CHECKED, null, message, null, null, null, false);
  }
}
