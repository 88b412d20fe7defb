package io.legerible.sparkjobs.bench;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.contracts.Topics;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.sparkjobs.platform.TestTopics;
import io.legerible.sparkjobs.ranking.PlainConsumerRanking;
import io.legerible.sparkjobs.ranking.RankingStream;
import io.legerible.sparkjobs.ranking.RankingStreamSettings;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Measures, in one run on this machine: loan events per second through Kafka → Spark → PostgreSQL
 * and Cassandra from a backlog, beside a plain Kafka consumer doing the same writes (the
 * reference), and at steady state while a producer sends; then the latency from producing a loan to
 * its count in PostgreSQL, with Spark's own phases of those small batches. Figures for reading,
 * never a gate. Arguments: {@code events latencyEvents}.
 */
public final class StreamBenchmark {

  private static final int BOOKS = 1000;

  // The platform's loans topic is created with three partitions.
  private static final int PARTITIONS = 3;

  private static final String TRIGGER_SECONDS = "0.5";

  private StreamBenchmark() {}

  /** Runs every measurement and prints the figures. */
  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int latencyEvents = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    String loadAtStart = BenchmarkSpark.loadAverage();
    SparkSession spark = BenchmarkSpark.session("legerible-stream-benchmark");
    List<String> report = new ArrayList<>();
    stream(spark, events, latencyEvents, report);
    BenchmarkSpark.print(
        "Stream benchmark (Kafka, PostgreSQL and Cassandra on the same cores)",
        loadAtStart,
        report);
    spark.stop();
    System.exit(0);
  }

  private static void stream(SparkSession spark, int events, int latencyEvents, List<String> report)
      throws Exception {
    KafkaServer kafka = KafkaServer.shared();
    TestTopics.createLoanTopics(kafka.bootstrapServers(), PARTITIONS);
    try (KafkaProducer<String, String> producer = producer(kafka)) {
      // The backlog both readers work off: the reference first, then the stream.
      Instant base = Instant.now();
      for (int i = 0; i < events; i++) {
        long book = 1 + i % BOOKS;
        producer.send(
            new ProducerRecord<>(
                Topics.LOANS, Long.toString(book), event(book, base.plusMillis(i % 60_000))));
      }
      producer.flush();

      PostgresDatabase referenceDatabase = databaseWithBooks();
      Duration reference =
          PlainConsumerRanking.run(settings(referenceDatabase, "bench_reference"), events);
      double referenceRate = events / seconds(reference);
      if (totalLoans(referenceDatabase) != events) {
        throw new IllegalStateException("the reference counted " + totalLoans(referenceDatabase));
      }

      PostgresDatabase database = databaseWithBooks();
      FinishedBatches finished = new FinishedBatches();
      spark.streams().addListener(finished);
      try (RankingStream stream = RankingStream.start(spark, settings(database, "bench"))) {
        long started = System.nanoTime();
        awaitCounted(database, finished, events, started);
        double total = (System.nanoTime() - started) / 1e9;
        report.add(
            String.format(
                "stream throughput: %d events from a backlog counted in PostgreSQL and written to"
                    + " Cassandra in %.1f s = %.0f events/s (aim >= 30k/s)",
                events, total, events / total));
        report.add(
            String.format(
                "stream throughput reference: a plain Kafka consumer with the same PostgreSQL"
                    + " transaction and Cassandra writes: %.1f s = %.0f events/s; stream/reference"
                    + " %.2f",
                seconds(reference), referenceRate, events / total / referenceRate));
        awaitIdle(stream);
        // Steady state: the same number of events sent while the stream runs, as fast as the
        // producer goes on these cores; the stream counts them as they come.
        long steadyStart = System.nanoTime();
        Instant steadyBase = Instant.now();
        for (int i = 0; i < events; i++) {
          long book = 1 + i % BOOKS;
          producer.send(
              new ProducerRecord<>(
                  Topics.LOANS,
                  Long.toString(book),
                  event(book, steadyBase.plusMillis(i % 60_000))));
        }
        producer.flush();
        double sent = (System.nanoTime() - steadyStart) / 1e9;
        awaitCounted(database, finished, 2L * events, steadyStart);
        double steady = (System.nanoTime() - steadyStart) / 1e9;
        report.add(
            String.format(
                "stream throughput at steady state: %d events sent over %.1f s while the stream ran,"
                    + " all counted %.1f s after the first = %.0f events/s",
                events, sent, steady, events / steady));
        awaitIdle(stream);
        int batchesBefore = stream.rankingQuery().recentProgress().length;
        List<Long> latencies = latencies(producer, database, latencyEvents);
        report.add(
            String.format(
                "loan -> count in PostgreSQL latency over %d events at 10/s, trigger %s: p50 %d ms,"
                    + " p95 %d ms, max %d ms (aim p95 <= 1500 ms click to page)",
                latencies.size(),
                TRIGGER_SECONDS,
                percentile(latencies, 0.5),
                percentile(latencies, 0.95),
                latencies.get(latencies.size() - 1)));
        report.add(batchBreakdown(stream, batchesBefore));
      }
    }
  }

  /** Paced single events, each to its own book; its count lands with updated_at. */
  private static List<Long> latencies(
      KafkaProducer<String, String> producer, PostgresDatabase database, int latencyEvents)
      throws Exception {
    List<Long> latencies = new ArrayList<>();
    try (Connection connection =
        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
      Map<Long, Instant> sent = new HashMap<>();
      for (int i = 0; i < latencyEvents; i++) {
        long book = 1 + i % BOOKS;
        Instant at = Instant.now();
        producer.send(new ProducerRecord<>(Topics.LOANS, Long.toString(book), event(book, at)));
        producer.flush();
        sent.put(book, at);
        Thread.sleep(100);
        if (i % 20 == 19) {
          Thread.sleep(3000);
          collect(connection, sent, latencies);
        }
      }
      Thread.sleep(3000);
      collect(connection, sent, latencies);
    }
    latencies.sort(Long::compare);
    return latencies;
  }

  /**
   * Where a small batch's time goes: the medians of Spark's own phases over the ranking batches
   * since {@code from} that carried events.
   */
  private static String batchBreakdown(RankingStream stream, int from) {
    StreamingQueryProgress[] progress = stream.rankingQuery().recentProgress();
    Map<String, List<Long>> phases = new LinkedHashMap<>();
    for (int i = Math.min(from, progress.length); i < progress.length; i++) {
      if (progress[i].numInputRows() == 0) {
        continue;
      }
      progress[i]
          .durationMs()
          .forEach(
              (phase, millis) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(millis));
    }
    StringBuilder line = new StringBuilder("stream batch phases, median ms over small batches:");
    phases.forEach(
        (phase, millis) -> {
          millis.sort(Long::compare);
          line.append(' ').append(phase).append(' ').append(percentile(millis, 0.5)).append(',');
        });
    line.setLength(line.length() - 1);
    return line.toString();
  }

  /**
   * Waits until the stream's batches have taken in {@code events} records in all and returned,
   * which is after their Cassandra writes, then checks PostgreSQL counted each once.
   */
  private static void awaitCounted(
      PostgresDatabase database, FinishedBatches finished, long events, long started)
      throws Exception {
    while (finished.records() < events) {
      if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
        throw new IllegalStateException(
            "only " + finished.records() + " of " + events + " events taken in");
      }
      Thread.sleep(20);
    }
    long counted = 0;
    while (counted < events) {
      counted = totalLoans(database);
      if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
        throw new IllegalStateException("only " + counted + " of " + events + " events counted");
      }
      Thread.sleep(50);
    }
  }

  /** Records taken in by the stream's finished batches, from Spark's progress reports. */
  private static final class FinishedBatches extends StreamingQueryListener {

    private final AtomicLong records = new AtomicLong();

    long records() {
      return records.get();
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      records.addAndGet(event.progress().numInputRows());
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryIdle(QueryIdleEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
  }

  private static void awaitIdle(RankingStream stream) throws InterruptedException {
    int idleChecks = 0;
    while (idleChecks < 3) {
      boolean idle = !stream.rankingQuery().status().isDataAvailable();
      idleChecks = idle ? idleChecks + 1 : 0;
      Thread.sleep(500);
    }
  }

  private static RankingStreamSettings settings(PostgresDatabase database, String keyspace)
      throws Exception {
    CassandraServer cassandra = CassandraServer.shared();
    Map<String, String> environment = new HashMap<>();
    environment.put(
        PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, KafkaServer.shared().bootstrapServers());
    environment.put(
        PlatformEnvironment.RANKING_CHECKPOINT_DIR,
        Files.createTempDirectory("ranking-bench-").toString());
    environment.put(PlatformEnvironment.RANKING_TRIGGER_SECONDS, TRIGGER_SECONDS);
    environment.put(PlatformEnvironment.POSTGRES_URL, database.jdbcUrl());
    environment.put(PlatformEnvironment.POSTGRES_USER, database.username());
    environment.put(PlatformEnvironment.POSTGRES_PASSWORD, database.password());
    environment.put(PlatformEnvironment.CASSANDRA_CONTACT_POINTS, cassandra.contactPoint());
    environment.put(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, cassandra.localDatacenter());
    environment.put(PlatformEnvironment.CASSANDRA_KEYSPACE, keyspace);
    return RankingStreamSettings.from(JobSettings.from(environment));
  }

  private static PostgresDatabase databaseWithBooks() throws Exception {
    PostgresDatabase database = TestDatabases.migrated();
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement()) {
      for (int id = 1; id <= BOOKS; id++) {
        statement.addBatch(TestDatabases.insertBook(id, "Book " + id, "Author " + id % 50, "eng"));
      }
      statement.executeBatch();
    }
    return database;
  }

  private static KafkaProducer<String, String> producer(KafkaServer kafka) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(config);
  }

  private static long percentile(List<Long> sorted, double quantile) {
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * quantile) - 1));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static void collect(Connection connection, Map<Long, Instant> sent, List<Long> latencies)
      throws Exception {
    try (ResultSet rows =
        connection.createStatement().executeQuery("SELECT book_id, updated_at FROM book_ranking")) {
      while (rows.next()) {
        Instant produced = sent.get(rows.getLong(1));
        Instant updated = rows.getTimestamp(2).toInstant();
        if (produced != null && !updated.isBefore(produced)) {
          latencies.add(Duration.between(produced, updated).toMillis());
          sent.remove(rows.getLong(1));
        }
      }
    }
  }

  private static long totalLoans(PostgresDatabase database) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT coalesce(sum(total_loans), 0) FROM book_ranking")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String event(long book, Instant at) {
    return "{\"eventId\":\""
        + UUID.randomUUID()
        + "\",\"type\":\"LOANED\",\"memberId\":"
        + (book * 7 % 5000)
        + ",\"bookId\":"
        + book
        + ",\"isbn\":null,\"occurredAt\":\""
        + at
        + "\"}";
  }
}
