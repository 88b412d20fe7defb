package io.legerible.sparkjobs.ranking;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.legerible.contracts.CassandraTables;
import io.legerible.contracts.LoanEvent;
import io.legerible.sparkjobs.platform.CassandraBatchWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes loan events and windowed loan counts to the Cassandra data lake, idempotent by key. */
final class LoanLakeWriter {

  private final CassandraBatchWriter writer;
  private final PreparedStatement insertEvent;
  private final PreparedStatement insertWindow;

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
