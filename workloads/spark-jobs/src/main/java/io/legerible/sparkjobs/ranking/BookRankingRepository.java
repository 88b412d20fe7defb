package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.PostgresTables;
import io.legerible.contracts.Topics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The live ranking in PostgreSQL, one transaction per micro-batch. Its ranking statement records
 * the batch's loan event ids in {@code ranking_processed_events} and adds to {@code book_ranking}
 * only the events whose id was new, so a replayed batch or a duplicated event counts zero times.
 * The batch's data-path probes go only to {@code data_path_probes}, in the same transaction, so a
 * probe row exists exactly when the ranking of its batch has committed.
 */
final class BookRankingRepository {

  private static final String APPLY =
      """
      WITH batch AS (
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
      )
      INSERT INTO book_ranking AS r (book_id, total_loans, currently_on_loan, last_event_at, updated_at)
      SELECT book_id, loans, on_loan, last_event_at, now() FROM deltas
      ON CONFLICT (book_id) DO UPDATE SET
        total_loans = r.total_loans + EXCLUDED.total_loans,
        currently_on_loan = r.currently_on_loan + EXCLUDED.currently_on_loan,
        last_event_at = GREATEST(r.last_event_at, EXCLUDED.last_event_at),
        updated_at = now()
      RETURNING book_id
      """;

  private static final String COUNT_UNKNOWN_BOOKS =
      "SELECT count(*) FROM unnest(?::bigint[]) AS b(book_id)"
          + " WHERE NOT EXISTS (SELECT 1 FROM books WHERE books.id = b.book_id)";

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

  /** The result of applying one batch. */
  record Applied(int booksUpdated, long eventsForUnknownBooks) {}

  private BookRankingRepository() {}

  /**
   * Applies the loan {@code events}, records the {@code probes} (received at {@code receivedAt})
   * and moves the stream's positions on {@link Topics#LOANS} to {@code nextOffsets} (partition to
   * the next offset to read), in one transaction on {@code connection} (auto-commit off), and
   * commits. Events of books that are not in the catalogue are marked processed but not counted.
   */
  static Applied apply(
      Connection connection,
      List<LoanEvent> events,
      List<LoanEvent> probes,
      Instant receivedAt,
      Map<Integer, Long> nextOffsets)
      throws SQLException {
    if (events.isEmpty() && probes.isEmpty() && nextOffsets.isEmpty()) {
      return new Applied(0, 0);
    }
    try {
      Applied applied = events.isEmpty() ? new Applied(0, 0) : rank(connection, events);
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

  private static Applied rank(Connection connection, List<LoanEvent> events) throws SQLException {
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
    int updated = 0;
    long unknown;
    try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
      statement.setArray(1, connection.createArrayOf("uuid", ids));
      statement.setArray(2, connection.createArrayOf("int8", books));
      statement.setArray(3, connection.createArrayOf("text", types));
      statement.setArray(4, connection.createArrayOf("text", times));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          updated++;
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
    return new Applied(updated, unknown);
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
