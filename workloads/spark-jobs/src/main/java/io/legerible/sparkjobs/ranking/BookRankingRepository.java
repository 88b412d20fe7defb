package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.LoanEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The live ranking in PostgreSQL. One statement per micro-batch, in one transaction: it records the
 * batch's event ids in {@code ranking_processed_events} and adds to {@code book_ranking} only the
 * events whose id was new, so a replayed batch or a duplicated event counts zero times.
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

  /** The result of applying one batch. */
  record Applied(int booksUpdated, long eventsForUnknownBooks) {}

  private BookRankingRepository() {}

  /**
   * Applies {@code events} in one transaction on {@code connection} (auto-commit off) and commits.
   * Events of books that are not in the catalogue are marked processed but not counted.
   */
  static Applied apply(Connection connection, List<LoanEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return new Applied(0, 0);
    }
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
    try {
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
      connection.commit();
      return new Applied(updated, unknown);
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }
}
