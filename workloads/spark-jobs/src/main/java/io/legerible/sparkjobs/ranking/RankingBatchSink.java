package io.legerible.sparkjobs.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.sparkjobs.platform.PostgresSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one micro-batch of parsed loan records: invalid ones to the dead-letter topic, valid ones
 * (de-duplicated on eventId) to the PostgreSQL ranking and windowed counts in one transaction and
 * to the Cassandra event table, then the windows' totals to Cassandra; data-path probes only to the
 * probe tables of both. Every step is idempotent, so Spark may replay a batch after a crash.
 */
final class RankingBatchSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final Logger LOG = LoggerFactory.getLogger(RankingBatchSink.class);

  // What the driver needs of each record: the raw key, value and topic only for a record that goes
  // to the dead-letter topic, so a valid event crosses from the tasks without its JSON.
  private static final Column[] COLLECTED = {
    col("partition"),
    col("offset"),
    col("eventId"),
    col("type"),
    col("memberId"),
    col("bookId"),
    col("isbn"),
    col("occurredAt"),
    col(LoanEventTransforms.ERROR),
    rawWhenRejected("key"),
    rawWhenRejected("value"),
    rawWhenRejected("topic")
  };

  private final transient DeadLetterPublisher deadLetters;
  private final transient LoanLakeWriter lake;
  private final transient PostgresSettings postgres;
  private final transient WindowSpec windows;
  private final transient ExecutorService lakeWriter =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "loan-lake-writer");
            thread.setDaemon(true);
            return thread;
          });
  private transient Connection connection;

  RankingBatchSink(
      DeadLetterPublisher deadLetters,
      LoanLakeWriter lake,
      PostgresSettings postgres,
      WindowSpec windows) {
    this.deadLetters = deadLetters;
    this.lake = lake;
    this.postgres = postgres;
    this.windows = windows;
  }

  @Override
  public void call(Dataset<Row> parsed, Long batchId) throws SQLException {
    long started = System.nanoTime();
    List<Row> rows = parsed.select(COLLECTED).collectAsList();
    if (rows.isEmpty()) {
      return;
    }
    long collected = System.nanoTime();
    // Microseconds: what PostgreSQL keeps, so the stored value is exactly the one taken here.
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<DeadLetterPublisher.DeadLetter> rejected = new ArrayList<>();
    Map<UUID, LoanEvent> events = new LinkedHashMap<>();
    Map<Integer, Long> nextOffsets = new TreeMap<>();
    for (Row row : rows) {
      nextOffsets.merge(row.<Integer>getAs("partition"), row.<Long>getAs("offset") + 1, Math::max);
      String error = row.getAs(LoanEventTransforms.ERROR);
      if (error != null) {
        rejected.add(
            new DeadLetterPublisher.DeadLetter(
                row.getAs("key"),
                row.getAs("value"),
                error,
                row.getAs("topic") + "/" + row.getAs("partition") + "/" + row.getAs("offset")));
      } else {
        LoanEvent event = toEvent(row);
        events.putIfAbsent(event.eventId(), event);
      }
    }
    if (!rejected.isEmpty()) {
      deadLetters.publish(rejected);
      LOG.warn(
          "Batch {}: {} record(s) are not loan events and went to the dead-letter topic, first: {}",
          batchId,
          rejected.size(),
          rejected.get(0).error());
    }
    List<LoanEvent> loans = new ArrayList<>();
    List<LoanEvent> probes = new ArrayList<>();
    for (LoanEvent event : events.values()) {
      if (event.type() == LoanEventType.PROBE) {
        probes.add(event);
      } else {
        loans.add(event);
      }
    }
    // The ranking and the data lake's events are independent and both idempotent: write them side
    // by side; the windows' totals follow the ranking's commit. The batch commits when all are
    // done.
    CompletableFuture<Long> lakeWrite =
        CompletableFuture.supplyAsync(
            () -> {
              long start = System.nanoTime();
              lake.writeEvents(loans);
              lake.writeProbes(probes, receivedAt);
              return System.nanoTime() - start;
            },
            lakeWriter);
    long rankingStart = System.nanoTime();
    BookRankingRepository.Applied applied;
    long rankingNanos;
    long windowsNanos;
    try {
      applied =
          BookRankingRepository.apply(
              connection(), loans, probes, receivedAt, nextOffsets, windows);
      rankingNanos = System.nanoTime() - rankingStart;
      lake.writeWindows(windows.lengthMinutes(), applied.windows());
      windowsNanos = System.nanoTime() - rankingStart - rankingNanos;
    } catch (SQLException | RuntimeException e) {
      // The batch fails with this cause, once the lake's writes have ended: its replay must not
      // race them.
      lakeWrite.handle((nanos, error) -> nanos).join();
      throw e;
    }
    long lakeNanos = lakeWrite.join();
    if (applied.eventsForUnknownBooks() > 0) {
      LOG.warn(
          "Batch {}: {} event(s) name a book id that is not in the catalogue; not ranked",
          batchId,
          applied.eventsForUnknownBooks());
    }
    LOG.info(
        "Batch {}: {} record(s), {} distinct loan event(s), {} probe(s), {} book(s) re-ranked,"
            + " {} window total(s), {} dead-lettered; read {} ms, PostgreSQL {} ms, Cassandra"
            + " events {} ms, windows {} ms, total {} ms",
        batchId,
        rows.size(),
        loans.size(),
        probes.size(),
        applied.booksUpdated(),
        applied.windows().size(),
        rejected.size(),
        (collected - started) / 1_000_000,
        rankingNanos / 1_000_000,
        lakeNanos / 1_000_000,
        windowsNanos / 1_000_000,
        (System.nanoTime() - started) / 1_000_000);
  }

  void close() {
    lakeWriter.shutdownNow();
    closeConnection();
  }

  private static Column rawWhenRejected(String column) {
    return when(col(LoanEventTransforms.ERROR).isNotNull(), col(column)).as(column);
  }

  static LoanEvent toEvent(Row row) {
    Timestamp occurredAt = row.getAs("occurredAt");
    return new LoanEvent(
        UUID.fromString(row.getAs("eventId")),
        LoanEventType.valueOf(row.getAs("type")),
        row.<Long>getAs("memberId"),
        row.<Long>getAs("bookId"),
        row.getAs("isbn"),
        occurredAt.toInstant());
  }

  private Connection connection() throws SQLException {
    if (connection == null || !connection.isValid(5)) {
      closeConnection();
      connection = postgres.connect();
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("Closing the PostgreSQL connection failed", e);
      }
      connection = null;
    }
  }
}
