package io.legerible.operator.datapath;

import io.legerible.operator.status.DataPathReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The probes of one library: each step reads back the probes in flight, judges the path, and sends
 * the next probe. A probe not back {@code late} after it was sent fails the path at the hop where
 * it stopped. Reports repeat themselves (equal objects) until the verdict changes or a minute
 * passed: fresh figures (latency, events waiting) are not worth a status write every few seconds.
 */
final class LibraryProbe implements AutoCloseable {

  /**
   * How often an unchanged verdict's figures are refreshed in status, and how often the target
   * (settings and credential Secrets) is read again while reads succeed.
   */
  static final Duration REFRESH = Duration.ofMinutes(1);

  /** Probes kept in flight at most (a path down for a long time does not grow this). */
  private static final int MAX_IN_FLIGHT = 64;

  /** One probe sent: when, and Kafka's acknowledgement. */
  private record Probe(UUID id, Instant sentAt, CompletableFuture<Instant> acked) {}

  private final Clock clock;
  private final Duration late;
  private final Deque<Probe> inFlight = new ArrayDeque<>();
  private ProbeClients clients;
  private Instant targetReadAt;
  private Instant lastArrival;
  private Long waiting;
  private String sendFailure;
  private DataPathReport reported;
  private Instant reportedAt;

  LibraryProbe(Clock clock, Duration late) {
    this.clock = clock;
    this.late = late;
  }

  /**
   * One step: sends the next probe, then judges the ones in flight, against the target {@code
   * targets} gives (asked again at most once a minute, and whenever a read failed: credentials may
   * have been rotated). Empty until there is something to say.
   */
  Optional<DataPathReport> step(Supplier<ProbeTarget> targets) {
    refreshTarget(targets, clock.instant());
    // Sent first: a Kafka that cannot take the probe is news now, not a step later.
    send(clock.instant());
    Instant now = clock.instant();
    DataPathReport verdict = judge(now);
    if (verdict == null) {
      return Optional.ofNullable(reported);
    }
    boolean sameVerdict =
        reported != null
            && reported.outcome() == verdict.outcome()
            && Objects.equals(reported.failingHop(), verdict.failingHop())
            && Objects.equals(reported.message(), verdict.message());
    if (!sameVerdict || !reportedAt.plus(REFRESH).isAfter(now)) {
      reported = verdict;
      reportedAt = now;
    }
    return Optional.of(reported);
  }

  private void refreshTarget(Supplier<ProbeTarget> targets, Instant now) {
    if (clients != null && targetReadAt.plus(REFRESH).isAfter(now)) {
      return;
    }
    ProbeTarget target = targets.get();
    if (clients == null || !clients.target().equals(target)) {
      if (clients != null) {
        clients.close();
      }
      clients = new ProbeClients(target);
    }
    targetReadAt = now;
  }

  /** The verdict on the probes in flight; null when it is too early to say anything. */
  private DataPathReport judge(Instant now) {
    if (sendFailure != null) {
      // Not a refusal: Kafka has no credentials here, and a missing topic (before the topics Job
      // ran) must not hold up what creates it. Reachability is the TCP check's.
      return DataPathReport.notArriving(DataPathReport.KAFKA, sendFailure, lastArrival, null);
    }
    List<UUID> acked =
        inFlight.stream()
            .filter(p -> p.acked().isDone() && !p.acked().isCompletedExceptionally())
            .map(Probe::id)
            .toList();
    Map<UUID, ProbeClients.Landed> postgres = Map.of();
    Map<UUID, ProbeClients.Landed> cassandra = Map.of();
    String postgresFailure = null;
    String cassandraFailure = null;
    boolean postgresRefused = false;
    boolean cassandraRefused = false;
    waiting = null;
    ProbeClients.FromPostgres read = null;
    try {
      read = clients.readPostgres(acked);
      postgres = read.probes();
    } catch (Exception e) {
      postgresFailure = "the operator cannot read PostgreSQL: " + describe(e);
      postgresRefused = ProbeClients.refusedByPostgres(e);
      targetReadAt = Instant.EPOCH;
    }
    if (read != null) {
      try {
        waiting = clients.eventsWaiting(read.positions());
      } catch (RuntimeException e) {
        // Kafka's offsets are unknown now: the probes' own verdict says what is wrong there.
        waiting = null;
      }
    }
    if (!acked.isEmpty()) {
      try {
        cassandra = clients.inCassandra(acked);
      } catch (Exception e) {
        cassandraFailure = "the operator cannot read Cassandra: " + describe(e);
        cassandraRefused = ProbeClients.refusedByCassandra(e);
        clients.resetCassandra();
        targetReadAt = Instant.EPOCH;
      }
    }
    DataPathReport arrived = null;
    for (Probe probe : List.copyOf(inFlight)) {
      if (probe.acked().isCompletedExceptionally()) {
        inFlight.remove(probe);
        return notArriving(
            DataPathReport.KAFKA,
            "Kafka did not acknowledge the probe sent at "
                + second(probe.sentAt())
                + ": "
                + describe(failureOf(probe.acked())));
      }
      ProbeClients.Landed inPostgres = postgres.get(probe.id());
      ProbeClients.Landed inCassandra = cassandra.get(probe.id());
      if (inPostgres != null && inCassandra != null) {
        // Probes share a partition: this one arriving means every older one did or never will.
        while (inFlight.peekFirst() != probe) {
          inFlight.removeFirst();
        }
        inFlight.removeFirst();
        lastArrival = probe.sentAt();
        arrived =
            DataPathReport.arriving(
                probe.sentAt(), latency(probe, inPostgres, inCassandra), waiting);
      }
    }
    Probe oldest = inFlight.peekFirst();
    if (oldest == null || oldest.sentAt().plus(late).isAfter(now.plusSeconds(1))) {
      return arrived;
    }
    if (!oldest.acked().isDone()) {
      return notArriving(
          DataPathReport.KAFKA,
          "Kafka has not acknowledged the probe sent at " + second(oldest.sentAt()));
    }
    boolean inPostgres = postgres.containsKey(oldest.id());
    boolean inCassandra = cassandra.containsKey(oldest.id());
    String sent = "the probe sent at " + second(oldest.sentAt());
    if (inPostgres) {
      return notArriving(
          DataPathReport.CASSANDRA,
          cassandraFailure != null
              ? cassandraFailure
              : sent + " reached PostgreSQL but not Cassandra");
    }
    if (inCassandra) {
      return notArriving(
          DataPathReport.POSTGRES,
          postgresFailure != null
              ? postgresFailure
              : sent + " reached Cassandra but not PostgreSQL");
    }
    if (postgresFailure != null) {
      return postgresRefused
          ? DataPathReport.refusedAt(DataPathReport.POSTGRES, postgresFailure, lastArrival, waiting)
          : notArriving(DataPathReport.POSTGRES, postgresFailure);
    }
    if (cassandraFailure != null) {
      return cassandraRefused
          ? DataPathReport.refusedAt(
              DataPathReport.CASSANDRA, cassandraFailure, lastArrival, waiting)
          : notArriving(DataPathReport.CASSANDRA, cassandraFailure);
    }
    return notArriving(
        DataPathReport.RANKING_STREAM,
        sent
            + " is in Kafka but the ranking stream has not written it within "
            + late.toSeconds()
            + " s");
  }

  private DataPathReport notArriving(String hop, String message) {
    return DataPathReport.notArriving(hop, message, lastArrival, waiting);
  }

  private void send(Instant now) {
    UUID id = UUID.randomUUID();
    Instant sentAt = now.truncatedTo(ChronoUnit.MILLIS);
    try {
      CompletableFuture<Instant> acked = clients.send(id, sentAt);
      if (acked.isCompletedExceptionally()) {
        // The producer gave up at once, e.g. no metadata for the topic within its timeout.
        sendFailure = "the probe could not be sent: " + describe(failureOf(acked));
      } else {
        inFlight.addLast(new Probe(id, sentAt, acked));
        sendFailure = null;
      }
    } catch (Exception e) {
      sendFailure = "the probe could not be sent: " + describe(e);
    }
    while (inFlight.size() > MAX_IN_FLIGHT) {
      inFlight.removeFirst();
    }
  }

  /** Milliseconds per hop, in path order; never negative (hops on different clocks). */
  private static Map<String, Long> latency(
      Probe probe, ProbeClients.Landed postgres, ProbeClients.Landed cassandra) {
    Instant acked = probe.acked().join();
    Map<String, Long> millis = new LinkedHashMap<>();
    millis.put(DataPathReport.KAFKA, between(probe.sentAt(), acked));
    millis.put(DataPathReport.RANKING_STREAM, between(acked, postgres.receivedAt()));
    millis.put(DataPathReport.POSTGRES, between(postgres.receivedAt(), postgres.writtenAt()));
    millis.put(DataPathReport.CASSANDRA, between(cassandra.receivedAt(), cassandra.writtenAt()));
    return millis;
  }

  private static long between(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis());
  }

  private static Throwable failureOf(CompletableFuture<Instant> acked) {
    try {
      acked.get();
      return new IllegalStateException("acknowledged");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private static String second(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The innermost message of a failure, which says what the client saw. */
  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
    int newline = message.indexOf('\n');
    return cause.getClass().getSimpleName()
        + (message.isEmpty() ? "" : ": " + (newline < 0 ? message : message.substring(0, newline)));
  }

  @Override
  public void close() {
    if (clients != null) {
      clients.close();
    }
  }
}
