package io.legerible.sparkjobs.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.CassandraTables;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.contracts.PostgresTables;
import io.legerible.contracts.Topics;
import io.legerible.sparkjobs.LocalSpark;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.sparkjobs.platform.TestTopics;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The stream against real Kafka, PostgreSQL and Cassandra, as one story in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RankingStreamIT {

  private static final String KEYSPACE = "ranking_it";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @TempDir static Path checkpoints;

  private static PostgresDatabase database;
  private static RankingStreamSettings settings;
  private static KafkaProducer<String, String> producer;
  private static CqlSession cassandra;
  private static RankingStream stream;
  private static final List<String> sentEvents = new ArrayList<>();
  private static final List<UUID> sentEventIds = new ArrayList<>();
  private static String deadLetterSource;
  private static UUID firstProbe;
  private static String firstProbeJson;
  private static ProbeRow firstProbeRecorded;

  @BeforeAll
  static void startStream() throws Exception {
    KafkaServer kafka = KafkaServer.shared();
    CassandraServer cassandraServer = CassandraServer.shared();
    database = TestDatabases.migrated();
    TestDatabases.execute(
        database,
        TestDatabases.insertBook(1, "Dune", "Frank Herbert", "eng"),
        TestDatabases.insertBook(2, "Emma", "Jane Austen", "eng"),
        TestDatabases.insertBook(3, "Ubik", "Philip K. Dick", "eng"));
    TestTopics.createLoanTopics(kafka.bootstrapServers(), 2);
    Map<String, String> environment = new HashMap<>();
    environment.put(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    environment.put(PlatformEnvironment.RANKING_CHECKPOINT_DIR, checkpoints.toString());
    environment.put(PlatformEnvironment.RANKING_TRIGGER_SECONDS, "0.5");
    environment.put(PlatformEnvironment.POSTGRES_URL, database.jdbcUrl());
    environment.put(PlatformEnvironment.POSTGRES_USER, database.username());
    environment.put(PlatformEnvironment.POSTGRES_PASSWORD, database.password());
    environment.put(PlatformEnvironment.CASSANDRA_CONTACT_POINTS, cassandraServer.contactPoint());
    environment.put(
        PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, cassandraServer.localDatacenter());
    environment.put(PlatformEnvironment.CASSANDRA_KEYSPACE, KEYSPACE);
    settings = RankingStreamSettings.from(JobSettings.from(environment));
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(config);
    stream = RankingStream.start(LocalSpark.session(), settings);
    cassandra = settings.cassandra().connect();
  }

  @AfterAll
  static void stopStream() throws Exception {
    if (stream != null) {
      stream.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (cassandra != null) {
      cassandra.close();
    }
  }

  @Test
  @Order(1)
  void streamOfLoansGivesTheRankingInPostgresAndCassandra() throws Exception {
    send(1, "LOANED", 11, NOW);
    send(1, "LOANED", 12, NOW.plusSeconds(1));
    send(1, "LOANED", 13, NOW.plusSeconds(2));
    send(1, "RETURNED", 11, NOW.plusSeconds(3));
    send(2, "LOANED", 11, NOW.plusSeconds(4));
    send(99, "LOANED", 11, NOW.plusSeconds(5));
    producer.flush();

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> assertThat(ranking()).containsExactly(List.of(1L, 3L, 2L), List.of(2L, 1L, 1L)));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(lakeEvents(1)).isEqualTo(4);
              assertThat(windowLoans(1)).isEqualTo(3);
              assertThat(windowLoans(2)).isEqualTo(1);
            });
  }

  @Test
  @Order(2)
  void duplicatedEventChangesNothingAndMalformedOneIsDeadLettered() throws Exception {
    producer.send(new ProducerRecord<>(Topics.LOANS, "1", sentEvents.get(0)));
    producer.send(new ProducerRecord<>(Topics.LOANS, "1", "{\"eventId\": oops"));
    send(3, "LOANED", 12, NOW.plusSeconds(6));
    producer.flush();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ranking()).contains(List.of(3L, 1L, 1L)));
    assertThat(ranking())
        .containsExactly(List.of(1L, 3L, 2L), List.of(2L, 1L, 1L), List.of(3L, 1L, 1L));
    List<ConsumerRecord<String, String>> dead = deadLetters();
    assertThat(dead).hasSize(1);
    deadLetterSource =
        new String(
            dead.get(0).headers().lastHeader(DeadLetterPublisher.SOURCE_HEADER).value(),
            StandardCharsets.UTF_8);
    assertThat(dead.get(0).value()).isEqualTo("{\"eventId\": oops");
    assertThat(
            new String(
                dead.get(0).headers().lastHeader(DeadLetterPublisher.ERROR_HEADER).value(),
                StandardCharsets.UTF_8))
        .contains("malformed JSON");
    assertThat(stream.rankingQuery().isActive()).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> windowLoans(1) == 3);
    assertThat(lakeEvents(1)).isEqualTo(4);
    assertThat(eventsWaiting())
        .as("the stream's positions reach the topic's end, the dead-lettered record included")
        .isZero();
  }

  @Test
  @Order(3)
  void restartFromTheCheckpointReplayingTheLastBatchDoubleCountsNothing() throws Exception {
    stream.close();
    forgetLastCommittedBatch(checkpoints.resolve("ranking"));
    send(2, "LOANED", 13, NOW.plusSeconds(7));
    producer.flush();
    assertThat(eventsWaiting()).as("the loan sent while the stream is down waits").isEqualTo(1);

    stream = RankingStream.start(LocalSpark.session(), settings);

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(ranking()).contains(List.of(2L, 2L, 2L)));
    assertThat(ranking())
        .containsExactly(List.of(1L, 3L, 2L), List.of(2L, 2L, 2L), List.of(3L, 1L, 1L));
    await().atMost(Duration.ofSeconds(30)).until(() -> windowLoans(2) == 2);
    assertThat(windowLoans(1)).isEqualTo(3);
    assertThat(lakeEvents(1)).isEqualTo(4);
    assertThat(eventsWaiting()).isZero();
    // Dead letters are at-least-once: a replayed batch may publish one again, with the same source.
    assertThat(deadLetters())
        .extracting(
            record ->
                new String(
                    record.headers().lastHeader(DeadLetterPublisher.SOURCE_HEADER).value(),
                    StandardCharsets.UTF_8))
        .containsOnly(deadLetterSource);
  }

  @Test
  @Order(4)
  void probeAloneIsRecordedInPostgresAndCassandraAndOldProbesArePruned() throws Exception {
    UUID stale = UUID.randomUUID();
    TestDatabases.execute(
        database,
        "INSERT INTO data_path_probes (probe_id, sent_at, received_at) VALUES ('"
            + stale
            + "', now() - make_interval(hours => "
            + (PostgresTables.PROBE_RETENTION_HOURS + 1)
            + "), now() - make_interval(hours => "
            + (PostgresTables.PROBE_RETENTION_HOURS + 1)
            + "))");
    List<List<Long>> rankingBefore = ranking();
    firstProbe = UUID.randomUUID();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    firstProbeJson = probeJson(firstProbe, sentAt);
    producer.send(new ProducerRecord<>(Topics.LOANS, "0", firstProbeJson));
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).until(() -> probeRow(firstProbe) != null);
    firstProbeRecorded = probeRow(firstProbe);
    assertThat(firstProbeRecorded.sentAt()).isEqualTo(sentAt);
    assertThat(firstProbeRecorded.receivedAt()).isAfterOrEqualTo(sentAt);
    assertThat(firstProbeRecorded.writtenAt()).isAfterOrEqualTo(firstProbeRecorded.receivedAt());
    assertThat(probeRow(stale)).isNull();
    assertThat(ranking()).isEqualTo(rankingBefore);
    assertThat(processedEventIds()).containsExactlyInAnyOrderElementsOf(sentEventIds);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(lakeProbe(firstProbe)).isNotNull());
    LakeProbe lake = lakeProbe(firstProbe);
    assertThat(lake.sentAt()).isEqualTo(sentAt);
    assertThat(lake.receivedAt())
        .isEqualTo(firstProbeRecorded.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    assertThat(lake.writtenAt()).isAfterOrEqualTo(lake.receivedAt());
    assertThat(lake.secondsToLive())
        .isPositive()
        .isLessThanOrEqualTo(PostgresTables.PROBE_RETENTION_HOURS * 3600);
  }

  @Test
  @Order(5)
  void probeAmongLoansCountsInNoFigureAndADuplicatedProbeStaysOneRow() throws Exception {
    UUID probe = UUID.randomUUID();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(3, "LOANED", 13, NOW.plusSeconds(8));
    producer.send(new ProducerRecord<>(Topics.LOANS, "0", probeJson(probe, sentAt)));
    producer.send(new ProducerRecord<>(Topics.LOANS, "0", firstProbeJson));
    producer.flush();
    // Sent once the probes are in Kafka: when these show, every query has read past the probes.
    send(3, "LOANED", 11, NOW.plusSeconds(9));
    send(3, "RETURNED", 13, NOW.plusSeconds(10));
    producer.flush();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ranking()).contains(List.of(3L, 3L, 2L)));
    assertThat(ranking())
        .containsExactly(List.of(1L, 3L, 2L), List.of(2L, 2L, 2L), List.of(3L, 3L, 2L));
    // Committed with the ranking of its batch, which is no later than the loans' batch.
    assertThat(probeRow(probe)).isNotNull();
    assertThat(processedEventIds()).containsExactlyInAnyOrderElementsOf(sentEventIds);
    assertThat(probeRow(firstProbe)).isEqualTo(firstProbeRecorded);
    assertThat(probeCount()).isEqualTo(2);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(windowLoans(3)).isEqualTo(3);
              assertThat(lakeEvents(3)).isEqualTo(4);
              assertThat(lakeProbe(probe)).isNotNull();
            });
    assertThat(windowLoans(0)).isZero();
    assertThat(windowLoans(1)).isEqualTo(3);
    assertThat(windowLoans(2)).isEqualTo(2);
    assertThat(lakeEvents(0, LocalDate.ofInstant(sentAt, ZoneOffset.UTC))).isZero();
    assertThat(lakeEvents(1)).isEqualTo(4);
    assertThat(
            cassandra
                .execute(
                    "SELECT count(*) FROM "
                        + KEYSPACE
                        + "."
                        + CassandraTables.DATA_PATH_PROBES
                        + " WHERE probe_id IN (?, ?)",
                    probe,
                    firstProbe)
                .one()
                .getLong(0))
        .isEqualTo(2);
  }

  private static String probeJson(UUID probe, Instant sentAt) {
    return "{\"eventId\":\""
        + probe
        + "\",\"type\":\"PROBE\",\"memberId\":0,\"bookId\":0,\"isbn\":null,\"occurredAt\":\""
        + sentAt
        + "\"}";
  }

  private static void send(long book, String type, long member, Instant at) {
    UUID id = UUID.randomUUID();
    sentEventIds.add(id);
    String json =
        "{\"eventId\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"memberId\":"
            + member
            + ",\"bookId\":"
            + book
            + ",\"isbn\":null,\"occurredAt\":\""
            + at
            + "\"}";
    sentEvents.add(json);
    producer.send(new ProducerRecord<>(Topics.LOANS, Long.toString(book), json));
  }

  /** Rows of (book_id, total_loans, currently_on_loan) ordered by book. */
  private static List<List<Long>> ranking() throws SQLException {
    List<List<Long>> rows = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet result =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT book_id, total_loans, currently_on_loan FROM book_ranking"
                        + " ORDER BY book_id")) {
      while (result.next()) {
        rows.add(List.of(result.getLong(1), result.getLong(2), result.getLong(3)));
      }
    }
    return rows;
  }

  private static long lakeEvents(long book) {
    return lakeEvents(book, LocalDate.ofInstant(NOW, ZoneOffset.UTC));
  }

  private static long lakeEvents(long book, LocalDate day) {
    return cassandra
        .execute(
            "SELECT count(*) FROM "
                + KEYSPACE
                + ".loan_events_by_book_day WHERE book_id = ? AND day = ?",
            book,
            day)
        .one()
        .getLong(0);
  }

  private static Connection postgres() throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }

  private static List<UUID> processedEventIds() throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Connection connection = postgres();
        ResultSet result =
            connection
                .createStatement()
                .executeQuery("SELECT event_id FROM ranking_processed_events")) {
      while (result.next()) {
        ids.add(result.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  /** A probe as recorded in PostgreSQL. */
  private record ProbeRow(Instant sentAt, Instant receivedAt, Instant writtenAt) {}

  private static ProbeRow probeRow(UUID probe) throws SQLException {
    try (Connection connection = postgres();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT sent_at, received_at, written_at FROM "
                    + PostgresTables.DATA_PATH_PROBES
                    + " WHERE probe_id = ?")) {
      statement.setObject(1, probe);
      try (ResultSet result = statement.executeQuery()) {
        return result.next()
            ? new ProbeRow(
                result.getObject(1, OffsetDateTime.class).toInstant(),
                result.getObject(2, OffsetDateTime.class).toInstant(),
                result.getObject(3, OffsetDateTime.class).toInstant())
            : null;
      }
    }
  }

  private static long probeCount() throws SQLException {
    try (Connection connection = postgres();
        ResultSet result =
            connection
                .createStatement()
                .executeQuery("SELECT count(*) FROM " + PostgresTables.DATA_PATH_PROBES)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** A probe as recorded in Cassandra, with the write time and time to live of the row. */
  private record LakeProbe(
      Instant sentAt, Instant receivedAt, Instant writtenAt, int secondsToLive) {}

  private static LakeProbe lakeProbe(UUID probe) {
    var row =
        cassandra
            .execute(
                "SELECT sent_at, received_at, writetime(received_at), ttl(received_at) FROM "
                    + KEYSPACE
                    + "."
                    + CassandraTables.DATA_PATH_PROBES
                    + " WHERE probe_id = ?",
                probe)
            .one();
    if (row == null) {
      return null;
    }
    long micros = row.getLong(2);
    return new LakeProbe(
        row.getInstant(0),
        row.getInstant(1),
        Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
        row.getInt(3));
  }

  /** The largest windowed loan count of {@code book} in the windows covering the test's events. */
  private static long windowLoans(long book) {
    LocalDate day = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    long max = 0;
    for (LocalDate each : List.of(day.minusDays(1), day, day.plusDays(1))) {
      for (var row :
          cassandra.execute(
              "SELECT book_id, loans FROM "
                  + KEYSPACE
                  + ".windowed_loan_counts WHERE day = ? AND window_minutes = 5",
              each)) {
        if (row.getLong("book_id") == book) {
          max = Math.max(max, row.getLong("loans"));
        }
      }
    }
    return max;
  }

  /**
   * The loans topic's end minus the positions the stream recorded with its ranking, summed over
   * partitions: the events not counted yet, as the operator computes them.
   */
  private static long eventsWaiting() throws SQLException {
    Map<Integer, Long> positions = new HashMap<>();
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet result =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT kafka_partition, next_offset FROM "
                        + PostgresTables.RANKING_STREAM_POSITIONS
                        + " WHERE topic = '"
                        + Topics.LOANS
                        + "'")) {
      while (result.next()) {
        positions.put(result.getInt(1), result.getLong(2));
      }
    }
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.LOANS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      return consumer.endOffsets(partitions).entrySet().stream()
          .mapToLong(
              end ->
                  Math.max(
                      0, end.getValue() - positions.getOrDefault(end.getKey().partition(), 0L)))
          .sum();
    }
  }

  private static List<ConsumerRecord<String, String>> deadLetters() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(Topics.LOANS_DEAD_LETTER));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        if (!records.isEmpty()
            && consumer.assignment().stream()
                .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
          break;
        }
      }
    }
    return records;
  }

  /** Deletes the newest commit marker, so the restarted query re-runs its last batch. */
  private static void forgetLastCommittedBatch(Path query) throws IOException {
    try (Stream<Path> commits = Files.list(query.resolve("commits"))) {
      Path last =
          commits
              .filter(path -> path.getFileName().toString().matches("\\d+"))
              .max(Comparator.comparingLong(path -> Long.parseLong(path.getFileName().toString())))
              .orElseThrow();
      Files.delete(last);
      Files.deleteIfExists(last.resolveSibling("." + last.getFileName() + ".crc"));
    }
  }
}
