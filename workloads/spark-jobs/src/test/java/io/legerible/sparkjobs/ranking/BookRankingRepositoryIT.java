package io.legerible.sparkjobs.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.contracts.PostgresTables;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.testkit.services.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ranking's transaction against a real PostgreSQL with the website's schema: the sliding-window
 * loan counts it keeps beside the ranking, what it hands back for Cassandra, replays and lateness.
 */
class BookRankingRepositoryIT {

  private static final WindowSpec FIVE_EVERY_MINUTE = new WindowSpec(5, 1);

  // A whole minute well inside the lateness, so every window of the test is still open.
  private static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

  private PostgresDatabase database;
  private Connection connection;

  @BeforeEach
  void databaseWithBooks() throws SQLException {
    database = TestDatabases.migrated();
    TestDatabases.execute(
        database,
        TestDatabases.insertBook(5, "Five", "An Author", "eng"),
        TestDatabases.insertBook(6, "Six", "An Author", "eng"));
    connection = TestDatabases.settings(database).connect();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void eachLoanCountsOnceInEverySlidingWindowItFallsInAndReturnsNever() throws SQLException {
    LoanEvent loan = loan(5, "00:02:10");
    List<LoanEvent> batch =
        List.of(
            loan,
            loan,
            loan(5, "00:04:50"),
            event(LoanEventType.RETURNED, 5, "00:04:55"),
            loan(6, "00:06:00"),
            loan(404, "00:03:00"));

    BookRankingRepository.Applied applied = apply(batch, FIVE_EVERY_MINUTE);

    Map<String, Long> expected =
        Map.ofEntries(
            Map.entry("23:58 book 5", 1L),
            Map.entry("23:59 book 5", 1L),
            Map.entry("00:00 book 5", 2L),
            Map.entry("00:01 book 5", 2L),
            Map.entry("00:02 book 5", 2L),
            Map.entry("00:03 book 5", 1L),
            Map.entry("00:04 book 5", 1L),
            Map.entry("00:02 book 6", 1L),
            Map.entry("00:03 book 6", 1L),
            Map.entry("00:04 book 6", 1L),
            Map.entry("00:05 book 6", 1L),
            Map.entry("00:06 book 6", 1L));
    assertThat(named(applied.windows())).isEqualTo(expected);
    assertThat(stored()).isEqualTo(expected);
    assertThat(applied.booksUpdated()).isEqualTo(2);
    assertThat(applied.eventsForUnknownBooks()).isEqualTo(1);
  }

  @Test
  void aReplayedBatchCountsNothingAgainYetHandsBackTheTotalsOfItsWindows() throws SQLException {
    List<LoanEvent> first = List.of(loan(5, "00:10:00"), loan(5, "00:10:30"));
    apply(first, FIVE_EVERY_MINUTE);
    LoanEvent later = loan(5, "00:11:00");
    BookRankingRepository.Applied second = apply(List.of(later), FIVE_EVERY_MINUTE);

    BookRankingRepository.Applied replayed = apply(List.of(first.get(0), later), FIVE_EVERY_MINUTE);

    assertThat(named(second.windows())).containsEntry("00:07 book 5", 3L);
    assertThat(named(replayed.windows()))
        .as("every window of the replayed loans, with the totals as they stand")
        .isEqualTo(
            Map.of(
                "00:06 book 5", 2L,
                "00:07 book 5", 3L,
                "00:08 book 5", 3L,
                "00:09 book 5", 3L,
                "00:10 book 5", 3L,
                "00:11 book 5", 1L));
    assertThat(stored()).isEqualTo(named(replayed.windows()));
    assertThat(replayed.booksUpdated()).isZero();
    assertThat(totalLoans(5)).isEqualTo(3);
  }

  @Test
  void aSlideThatDoesNotDivideTheLengthEndsTheOldestWindowEarly() throws SQLException {
    // Five minutes every two: windows start on even minutes and end five minutes later.
    BookRankingRepository.Applied applied =
        apply(List.of(loan(5, "00:20:30"), loan(6, "00:21:30")), new WindowSpec(5, 2));

    assertThat(named(applied.windows()))
        .isEqualTo(
            Map.of(
                "00:16 book 5", 1L,
                "00:18 book 5", 1L,
                "00:20 book 5", 1L,
                "00:18 book 6", 1L,
                "00:20 book 6", 1L));
  }

  @Test
  void aLoanLaterThanTheLatenessCountsInTheRankingOnlyAndClosedWindowsArePruned()
      throws SQLException {
    Instant longAgo =
        Instant.now()
            .minus(Duration.ofHours(PostgresTables.LOAN_WINDOW_LATENESS_HOURS))
            .minus(Duration.ofMinutes(10))
            .truncatedTo(ChronoUnit.MINUTES);
    TestDatabases.execute(
        database,
        "INSERT INTO loan_window_counts (window_start, window_minutes, book_id, loans)"
            + " VALUES ('"
            + longAgo
            + "', 5, 6, 7)");

    BookRankingRepository.Applied applied =
        apply(
            List.of(
                new LoanEvent(UUID.randomUUID(), LoanEventType.LOANED, 1, 5, null, longAgo),
                loan(5, "00:30:00")),
            FIVE_EVERY_MINUTE);

    assertThat(totalLoans(5)).isEqualTo(2);
    assertThat(applied.windows()).hasSize(5);
    assertThat(stored())
        .as("the late loan's windows are closed, and the closed window of book 6 is pruned")
        .hasSize(5)
        .allSatisfy(
            (window, loans) -> {
              assertThat(window).endsWith("book 5");
              assertThat(loans).isOne();
            });
  }

  private BookRankingRepository.Applied apply(List<LoanEvent> events, WindowSpec windows)
      throws SQLException {
    return BookRankingRepository.apply(
        connection, events, List.of(), Instant.now(), Map.of(0, 1L), windows);
  }

  private static LoanEvent loan(long book, String sinceT0) {
    return event(LoanEventType.LOANED, book, sinceT0);
  }

  private static LoanEvent event(LoanEventType type, long book, String sinceT0) {
    return new LoanEvent(UUID.randomUUID(), type, 1, book, null, at(sinceT0));
  }

  /** {@code "mm:ss"} after T0, or {@code "hh:mm:ss"}. */
  private static Instant at(String sinceT0) {
    String[] parts = sinceT0.split(":");
    return T0.plus(
        Duration.ofHours(Long.parseLong(parts[0]))
            .plusMinutes(Long.parseLong(parts[1]))
            .plusSeconds(Long.parseLong(parts[2])));
  }

  /** Windows as "hh:mm book N" relative to T0 (23:58 is two minutes before it), to their loans. */
  private static Map<String, Long> named(List<LoanLakeWriter.WindowCount> windows) {
    return windows.stream()
        .collect(
            Collectors.toMap(w -> name(w.start(), w.bookId()), LoanLakeWriter.WindowCount::loans));
  }

  private static String name(Instant start, long book) {
    long minutes = Math.floorMod(Duration.between(T0, start).toMinutes(), 24 * 60);
    return String.format("%02d:%02d book %d", minutes / 60, minutes % 60, book);
  }

  /** The windows as stored in PostgreSQL. */
  private Map<String, Long> stored() throws SQLException {
    Map<String, Long> windows = new TreeMap<>();
    try (ResultSet rows =
        connection
            .createStatement()
            .executeQuery(
                "SELECT window_start, book_id, loans FROM " + PostgresTables.LOAN_WINDOW_COUNTS)) {
      while (rows.next()) {
        windows.put(name(rows.getTimestamp(1).toInstant(), rows.getLong(2)), rows.getLong(3));
      }
    }
    connection.commit();
    return windows;
  }

  private long totalLoans(long book) throws SQLException {
    try (ResultSet rows =
        connection
            .createStatement()
            .executeQuery("SELECT total_loans FROM book_ranking WHERE book_id = " + book)) {
      rows.next();
      long total = rows.getLong(1);
      connection.commit();
      return total;
    }
  }
}
