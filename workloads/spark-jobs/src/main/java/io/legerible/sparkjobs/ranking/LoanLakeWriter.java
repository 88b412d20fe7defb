package io.legerible.sparkjobs.ranking;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.legerible.contracts.CassandraTables;
import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.PostgresTables;
import io.legerible.sparkjobs.platform.CassandraBatchWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes loan events, windowed loan counts and data-path probes to the Cassandra data lake,
 * idempotent by key.
 */
final class LoanLakeWriter {

  /** Probe rows expire with the retention PostgreSQL prunes them by. */
  static final int PROBE_TTL_SECONDS = PostgresTables.PROBE_RETENTION_HOURS * 3600;

  private final CassandraBatchWriter writer;
  private final PreparedStatement insertEvent;
  private final PreparedStatement insertWindow;
  private final PreparedStatement insertProbe;

  LoanLakeWriter(CqlSession session, String keyspace) {
    this.writer = new CassandraBatchWriter(session, 256);
    this.insertEvent =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + CassandraTables.LOAN_EVENTS_BY_BOOK_DAY
                + " (book_id, day, occurred_at, event_id, type, member_id, isbn)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.insertWindow =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + CassandraTables.WINDOWED_LOAN_COUNTS
                + " (day, window_minutes, window_start, book_id, loans) VALUES (?, ?, ?, ?, ?)");
    this.insertProbe =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + CassandraTables.DATA_PATH_PROBES
                + " (probe_id, sent_at, received_at) VALUES (?, ?, ?) USING TTL "
                + PROBE_TTL_SECONDS);
  }

  /**
   * One windowed count: {@code loans} of {@code bookId} in the window starting at {@code start}.
   */
  record WindowCount(Instant start, long bookId, long loans) {}

  void writeEvents(List<LoanEvent> events) {
    Map<List<Object>, List<BoundStatement>> partitions = new LinkedHashMap<>();
    for (LoanEvent event : events) {
      LocalDate day = event.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
      partitions
          .computeIfAbsent(List.of(event.bookId(), day), key -> new ArrayList<>())
          .add(
              insertEvent.bind(
                  event.bookId(),
                  day,
                  event.occurredAt(),
                  event.eventId(),
                  event.type().name(),
                  event.memberId(),
                  event.isbn()));
    }
    writer.writePartitions(partitions.values());
  }

  /**
   * Records {@code probes} (events of type PROBE) as received at {@code receivedAt}; a replayed
   * probe overwrites its own row.
   */
  void writeProbes(List<LoanEvent> probes, Instant receivedAt) {
    writer.writeAll(
        probes.stream()
            .map(probe -> insertProbe.bind(probe.eventId(), probe.occurredAt(), receivedAt))
            .toList());
  }

  void writeWindows(int windowMinutes, List<WindowCount> counts) {
    Map<LocalDate, List<BoundStatement>> partitions = new LinkedHashMap<>();
    for (WindowCount count : counts) {
      LocalDate day = count.start().atOffset(ZoneOffset.UTC).toLocalDate();
      partitions
          .computeIfAbsent(day, key -> new ArrayList<>())
          .add(insertWindow.bind(day, windowMinutes, count.start(), count.bookId(), count.loans()));
    }
    writer.writePartitions(partitions.values());
  }
}
