package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.PostgresTables;
import io.legerible.contracts.Topics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live ranking and the windowed loan counts in PostgreSQL, one transaction per micro-batch. Its
 * ranking statement records the batch's loan event ids in {@code ranking_processed_events} and adds
 * to {@code book_ranking} and {@code loan_window_counts} only the events whose id was new, so a
 * replayed batch or a duplicated event counts zero times. It returns the totals of every window a
 * loan of the batch falls in, new or replayed, for the caller to copy to Cassandra: a batch
 * replayed after its commit copies them again. The batch's data-path probes go only to {@code
 * data_path_probes}, in the same transaction, so a probe row exists exactly when the ranking of its
 * batch has committed.
 */
final class BookRankingRepository {

  private static final String APPLY =
      """
      WITH params AS (
        SELECT ?::int AS window_minutes,
               make_interval(mins => ?) AS window_length,
               make_interval(mins => ?) AS slide,
               ?::int AS windows_per_loan,
               make_interval(mins => ?) AS last_window_reach,
               make_interval(hours => ?) AS lateness
      ), batch AS (
        SELECT DISTINCT ON (event_id) event_id, book_id, type, occurred_at
        FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::timestamptz[])
          AS b(event_id, book_id, type, occurred_at)
      ), fresh AS (
        INSERT INTO ranking_processed_events (event_id)
        SELECT event_id FROM batch
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
      ), deltas AS (
        SELECT b.book_id,
               count(*) FILTER (WHERE b.type = 'LOANED') AS loans,
               count(*) FILTER (WHERE b.type = 'LOANED')
                 - count(*) FILTER (WHERE b.type = 'RETURNED') AS on_loan,
               max(b.occurred_at) AS last_event_at
        FROM batch b
        JOIN fresh f ON f.event_id = b.event_id
        WHERE EXISTS (SELECT 1 FROM books WHERE books.id = b.book_id)
        GROUP BY b.book_id
      ), ranked AS (
        INSERT INTO book_ranking AS r
          (book_id, total_loans, currently_on_loan, last_event_at, updated_at)
        SELECT book_id, loans, on_loan, last_event_at, now() FROM deltas
        ON CONFLICT (book_id) DO UPDATE SET
          total_loans = r.total_loans + EXCLUDED.total_loans,
          currently_on_loan = r.currently_on_loan + EXCLUDED.currently_on_loan,
          last_event_at = GREATEST(r.last_event_at, EXCLUDED.last_event_at),
          updated_at = now()
        RETURNING book_id
      ), slots AS (
        -- The batch's loans per book and slide-long slot (WindowSpec), new ones counted apart.
        SELECT b.book_id, s.slot,
               b.occurred_at < s.slot + p.last_window_reach AS reaches_last_window,
               count(f.event_id) AS fresh_loans
        FROM batch b
        CROSS JOIN params p
        CROSS JOIN LATERAL (SELECT date_bin(p.slide, b.occurred_at, TIMESTAMPTZ 'epoch') AS slot) s
        LEFT JOIN fresh f ON f.event_id = b.event_id
        WHERE b.type = 'LOANED' AND EXISTS (SELECT 1 FROM books WHERE books.id = b.book_id)
        GROUP BY 1, 2, 3
      ), touched AS (
        -- Every window those loans fall in that has not been closed for lateness.
        SELECT s.slot - k * p.slide AS window_start, s.book_id, sum(s.fresh_loans) AS fresh_loans
        FROM slots s
        CROSS JOIN params p
        CROSS JOIN LATERAL generate_series(0, p.windows_per_loan - 1) AS k
        WHERE (k < p.windows_per_loan - 1 OR s.reaches_last_window)
          AND s.slot - k * p.slide + p.window_length > now() - p.lateness
        GROUP BY 1, 2
      ), counted AS (
        INSERT INTO loan_window_counts AS c (window_start, window_minutes, book_id, loans)
        SELECT t.window_start, p.window_minutes, t.book_id, t.fresh_loans
        FROM touched t CROSS JOIN params p
        WHERE t.fresh_loans > 0
        ON CONFLICT (window_start, window_minutes, book_id)
          DO UPDATE SET loans = c.loans + EXCLUDED.loans
        RETURNING window_start, book_id, loans
      )
      SELECT window_start, book_id, loans FROM counted
      UNION ALL
      -- Windows only replayed loans fall in: their totals as they stand.
      SELECT c.window_start, c.book_id, c.loans
      FROM touched t
      CROSS JOIN params p
      JOIN loan_window_counts c ON c.window_start = t.window_start
        AND c.window_minutes = p.window_minutes AND c.book_id = t.book_id
      WHERE t.fresh_loans = 0
      UNION ALL
      -- The books re-ranked, in a row of its own.
      SELECT NULL, NULL, count(*) FROM ranked
      """;

  // A batch holds one to hundreds of thousands of events. The JDBC driver prepares a statement on
  // the server after five runs and PostgreSQL may then keep one generic plan for every size of the
  // arrays; one planned for a handful of rows took 22 s on 20k (nested loops). Plan each batch.
  private static final String PLAN_EACH_BATCH = "SET LOCAL plan_cache_mode = force_custom_plan";

  private static final String COUNT_UNKNOWN_BOOKS =
      "SELECT count(*) FROM unnest(?::bigint[]) AS b(book_id)"
          + " WHERE NOT EXISTS (SELECT 1 FROM books WHERE books.id = b.book_id)";

  // A window closed for lateness is never touched again (see APPLY), so its row can go.
  private static final String PRUNE_WINDOWS =
      "DELETE FROM "
          + PostgresTables.LOAN_WINDOW_COUNTS
          + " WHERE window_start < now() - make_interval(mins => ?) - make_interval(hours => ?)";

  // Pruned before the insert: a probe that arrives later than the retention is still recorded.
  private static final String PRUNE_PROBES =
      "DELETE FROM "
          + PostgresTables.DATA_PATH_PROBES
          + " WHERE sent_at < now() - make_interval(hours => ?)";

  // A replayed probe keeps the row, and received_at, of its first delivery.
  private static final String RECORD_PROBES =
      "INSERT INTO "
          + PostgresTables.DATA_PATH_PROBES
          + " (probe_id, sent_at, received_at)"
          + " SELECT probe_id, sent_at, ?::timestamptz FROM unnest(?::uuid[], ?::timestamptz[])"
          + " AS p(probe_id, sent_at)"
          + " ON CONFLICT (probe_id) DO NOTHING";

  // Positions only move forward: a batch replayed after a crash does not move them back.
  private static final String RECORD_POSITIONS =
      "INSERT INTO "
          + PostgresTables.RANKING_STREAM_POSITIONS
          + " AS r (topic, kafka_partition, next_offset, updated_at)"
          + " SELECT ?, p, o, now() FROM unnest(?::int[], ?::bigint[]) AS x(p, o)"
          + " ON CONFLICT (topic, kafka_partition) DO UPDATE SET"
          + " next_offset = GREATEST(r.next_offset, EXCLUDED.next_offset), updated_at = now()";

  /**
   * The result of applying one batch: the books re-ranked, the events naming a book the catalogue
   * does not have, and the totals of the windows its loans fall in.
   */
  record Applied(
      long booksUpdated, long eventsForUnknownBooks, List<LoanLakeWriter.WindowCount> windows) {}

  private BookRankingRepository() {}

  /**
   * Applies the loan {@code events} to the ranking and to the {@code windows}, records the {@code
   * probes} (received at {@code receivedAt}) and moves the stream's positions on {@link
   * Topics#LOANS} to {@code nextOffsets} (partition to the next offset to read), in one transaction
   * on {@code connection} (auto-commit off), and commits. Events of books that are not in the
   * catalogue are marked processed but not counted.
   */
  static Applied apply(
      Connection connection,
      List<LoanEvent> events,
      List<LoanEvent> probes,
      Instant receivedAt,
      Map<Integer, Long> nextOffsets,
      WindowSpec windows)
      throws SQLException {
    if (events.isEmpty() && probes.isEmpty() && nextOffsets.isEmpty()) {
      return new Applied(0, 0, List.of());
    }
    try {
      Applied applied =
          events.isEmpty() ? new Applied(0, 0, List.of()) : rank(connection, events, windows);
      if (!probes.isEmpty()) {
        recordProbes(connection, probes, receivedAt);
      }
      if (!nextOffsets.isEmpty()) {
        recordPositions(connection, nextOffsets);
      }
      connection.commit();
      return applied;
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  private static Applied rank(Connection connection, List<LoanEvent> events, WindowSpec windows)
      throws SQLException {
    int size = events.size();
    Object[] ids = new Object[size];
    Object[] books = new Object[size];
    Object[] types = new Object[size];
    Object[] times = new Object[size];
    for (int i = 0; i < size; i++) {
      LoanEvent event = events.get(i);
      ids[i] = event.eventId();
      books[i] = event.bookId();
      types[i] = event.type().name();
      times[i] = event.occurredAt().toString();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(PLAN_EACH_BATCH);
    }
    try (PreparedStatement statement = connection.prepareStatement(PRUNE_WINDOWS)) {
      statement.setInt(1, windows.lengthMinutes());
      statement.setInt(2, PostgresTables.LOAN_WINDOW_LATENESS_HOURS);
      statement.executeUpdate();
    }
    long updated = 0;
    long unknown;
    List<LoanLakeWriter.WindowCount> windowTotals = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
      statement.setInt(1, windows.lengthMinutes());
      statement.setInt(2, windows.lengthMinutes());
      statement.setInt(3, windows.slideMinutes());
      statement.setInt(4, windows.windowsPerLoan());
      statement.setInt(5, windows.lastWindowReachMinutes());
      statement.setInt(6, PostgresTables.LOAN_WINDOW_LATENESS_HOURS);
      statement.setArray(7, connection.createArrayOf("uuid", ids));
      statement.setArray(8, connection.createArrayOf("int8", books));
      statement.setArray(9, connection.createArrayOf("text", types));
      statement.setArray(10, connection.createArrayOf("text", times));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime start = rows.getObject(1, OffsetDateTime.class);
          if (start == null) {
            updated = rows.getLong(3);
          } else {
            windowTotals.add(
                new LoanLakeWriter.WindowCount(
                    start.toInstant(), rows.getLong(2), rows.getLong(3)));
          }
        }
      }
    }
    try (PreparedStatement statement = connection.prepareStatement(COUNT_UNKNOWN_BOOKS)) {
      Array bookIds = connection.createArrayOf("int8", books);
      statement.setArray(1, bookIds);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        unknown = rows.getLong(1);
      }
    }
    return new Applied(updated, unknown, windowTotals);
  }

  private static void recordProbes(
      Connection connection, List<LoanEvent> probes, Instant receivedAt) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(PRUNE_PROBES)) {
      statement.setInt(1, PostgresTables.PROBE_RETENTION_HOURS);
      statement.executeUpdate();
    }
    Object[] ids = new Object[probes.size()];
    Object[] sentAt = new Object[probes.size()];
    for (int i = 0; i < probes.size(); i++) {
      ids[i] = probes.get(i).eventId();
      sentAt[i] = probes.get(i).occurredAt().toString();
    }
    try (PreparedStatement statement = connection.prepareStatement(RECORD_PROBES)) {
      statement.setObject(1, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
      statement.setArray(2, connection.createArrayOf("uuid", ids));
      statement.setArray(3, connection.createArrayOf("text", sentAt));
      statement.executeUpdate();
    }
  }

  private static void recordPositions(Connection connection, Map<Integer, Long> nextOffsets)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECORD_POSITIONS)) {
      statement.setString(1, Topics.LOANS);
      statement.setArray(2, connection.createArrayOf("int4", nextOffsets.keySet().toArray()));
      statement.setArray(3, connection.createArrayOf("int8", nextOffsets.values().toArray()));
      statement.executeUpdate();
    }
  }
}
