package io.legerible.sparkjobs.bench;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.contracts.Topics;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.sparkjobs.ranking.RankingStream;
import io.legerible.sparkjobs.ranking.RankingStreamSettings;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * Measures, in one run on this machine: loan events per second through Kafka → Spark → PostgreSQL
 * and Cassandra from a backlog, and the latency from producing a loan to its count in PostgreSQL.
 * Figures for reading, never a gate. Arguments: {@code events latencyEvents}.
 */
public final class StreamBenchmark {

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
    CassandraServer cassandra = CassandraServer.shared();
    PostgresDatabase database = TestDatabases.migrated();
    int books = 1000;
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement()) {
      for (int id = 1; id <= books; id++) {
        statement.addBatch(TestDatabases.insertBook(id, "Book " + id, "Author " + id % 50, "eng"));
      }
      statement.executeBatch();
    }
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(Topics.LOANS, 2, (short) 1),
                  new NewTopic(Topics.LOANS_DEAD_LETTER, 1, (short) 1)))
          .all()
          .get();
    }
    Path checkpoint = Files.createTempDirectory("ranking-bench-");
    Map<String, String> environment = new HashMap<>();
    environment.put(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    environment.put(PlatformEnvironment.RANKING_CHECKPOINT_DIR, checkpoint.toString());
    environment.put(PlatformEnvironment.RANKING_TRIGGER_SECONDS, "0.5");
    environment.put(PlatformEnvironment.POSTGRES_URL, database.jdbcUrl());
    environment.put(PlatformEnvironment.POSTGRES_USER, database.username());
    environment.put(PlatformEnvironment.POSTGRES_PASSWORD, database.password());
    environment.put(PlatformEnvironment.CASSANDRA_CONTACT_POINTS, cassandra.contactPoint());
    environment.put(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, cassandra.localDatacenter());
    environment.put(PlatformEnvironment.CASSANDRA_KEYSPACE, "bench");
    RankingStreamSettings settings = RankingStreamSettings.from(JobSettings.from(environment));
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      // Throughput: a backlog of events, then the stream works it off.
      Instant base = Instant.now();
      for (int i = 0; i < events; i++) {
        long book = 1 + i % books;
        producer.send(
            new ProducerRecord<>(
                Topics.LOANS, Long.toString(book), event(book, base.plusMillis(i % 60_000))));
      }
      producer.flush();
      try (RankingStream stream = RankingStream.start(spark, settings)) {
        long started = System.nanoTime();
        long counted = 0;
        while (counted < events) {
          counted = totalLoans(database);
          if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
            throw new IllegalStateException(
                "only " + counted + " of " + events + " events counted");
          }
          Thread.sleep(100);
        }
        long done = System.nanoTime();
        double total = (done - started) / 1e9;
        long batchRows = 0;
        long batchMillis = 0;
        for (var progress : stream.rankingQuery().recentProgress()) {
          if (progress.numInputRows() > 0) {
            batchRows += progress.numInputRows();
            batchMillis += progress.durationMs().get("triggerExecution");
          }
        }
        report.add(
            String.format(
                "stream throughput: %d events counted in PostgreSQL (and written to Cassandra) in %.1f s"
                    + " wall time from query start = %.0f events/s; %.0f events/s of batch processing"
                    + " time (aim >= 30k/s)",
                events, total, events / total, batchRows * 1000.0 / Math.max(1, batchMillis)));
        // Steady state: both queries have worked off the backlog.
        int idleChecks = 0;
        while (idleChecks < 3) {
          boolean idle =
              !stream.rankingQuery().status().isDataAvailable()
                  && !stream.windowsQuery().status().isDataAvailable()
                  && !stream.windowsQuery().status().isTriggerActive();
          idleChecks = idle ? idleChecks + 1 : 0;
          Thread.sleep(500);
        }
        // Latency: paced single events, each to its own book; its count lands with updated_at.
        List<Long> latencies = new ArrayList<>();
        int probes = latencyEvents;
        try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password())) {
          Map<Long, Instant> sent = new HashMap<>();
          for (int i = 0; i < probes; i++) {
            long book = 1 + i % books;
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
        report.add(
            String.format(
                "loan -> count in PostgreSQL latency over %d events at 10/s, trigger 0.5 s: p50 %d ms,"
                    + " p95 %d ms, max %d ms (aim p95 <= 1500 ms)",
                latencies.size(),
                latencies.get(latencies.size() / 2),
                latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                latencies.get(latencies.size() - 1)));
      }
    }
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
