package io.legerible.sparkjobs.bench;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.contracts.Topics;
import io.legerible.sparkjobs.evaluation.GoodbooksCatalogue;
import io.legerible.sparkjobs.evaluation.HitRateEvaluation;
import io.legerible.sparkjobs.evaluation.LoanHistoryGenerator;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.sparkjobs.ranking.RankingStream;
import io.legerible.sparkjobs.ranking.RankingStreamSettings;
import io.legerible.sparkjobs.recommendations.RecommenderSettings;
import io.legerible.testkit.ProjectLayout;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures, in one run on this machine: loan events per second through Kafka → Spark → PostgreSQL,
 * latency from producing a loan to its count in PostgreSQL, the recommendations computation at
 * catalogue scale, and its hit rate at 4 against the popularity baseline. Figures for reading,
 * never a gate. Arguments: {@code events members loans}.
 */
public final class WorkloadsBenchmark {

  private WorkloadsBenchmark() {}

  /** Runs every measurement and prints the figures. */
  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int loans = args.length > 2 ? Integer.parseInt(args[2]) : 500_000;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("legerible-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.scheduler.mode", "FAIR")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    List<String> report = new ArrayList<>();
    recommendations(spark, members, loans, report);
    stream(spark, events, report);
    System.out.println();
    System.out.println(
        "=== Workloads benchmark (local[2], Kafka + PostgreSQL + Cassandra on the same cores) ===");
    report.forEach(System.out::println);
    spark.stop();
    System.exit(0);
  }

  private static void recommendations(
      SparkSession spark, int members, int loans, List<String> report) {
    Dataset<Row> books =
        GoodbooksCatalogue.read(
                spark, ProjectLayout.root().resolve(GoodbooksCatalogue.PROJECT_PATH), 10_000)
            .cache();
    List<LoanHistoryGenerator.Book> catalogue =
        books.collectAsList().stream()
            .map(
                row ->
                    new LoanHistoryGenerator.Book(
                        row.getLong(0), row.getString(2).split(",")[0].strip(), row.getLong(4)))
            .toList();
    LoanHistoryGenerator.History history =
        LoanHistoryGenerator.generate(catalogue, members, loans, 200, 7);
    HitRateEvaluation.Result result =
        HitRateEvaluation.evaluate(spark, books, history, RecommenderSettings.defaults());
    report.add(
        String.format(
            "recommendations: %d books, %d members, %d training loans: computed in %.1f s"
                + " (aim <= 60 s)",
            catalogue.size(), members, history.loans().size(), result.modelMillis() / 1000.0));
    report.add(
        String.format(
            "hit rate@4 on %d held-out loans: recommender %.3f, popularity %.3f, lift %.2fx (aim >= 2x)",
            result.evaluated(), result.model(), result.baseline(), result.lift()));
  }

  private static void stream(SparkSession spark, int events, List<String> report) throws Exception {
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
        int probes = 200;
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
