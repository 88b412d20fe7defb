package io.legerible.operator.datapath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legerible.contracts.CassandraSchema;
import io.legerible.contracts.Topics;
import io.legerible.operator.status.DataPathReport;
import io.legerible.testkit.FreePorts;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A library's probe against real Kafka, PostgreSQL and Cassandra: what it sends is a loan event of
 * type PROBE on the loans topic, and each way the path can break is named by its hop. The test
 * plays the ranking stream's side of the contract (the stream's own side is tested in
 * RankingStreamIT and, end to end, on the real node): it writes the probes it reads from Kafka into
 * the two data_path_probes tables, created from the website's migration and the lake's schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPathProbeIT {

  private static final Duration LATE = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaServer kafka = KafkaServer.shared();
  private final CassandraServer cassandraServer = CassandraServer.shared();
  private PostgresDatabase database;
  private CqlSession cassandra;
  private KafkaConsumer<String, String> consumer;
  private String keyspace;
  private final List<LibraryProbe> probes = new ArrayList<>();

  @BeforeAll
  void createTheTablesTheStreamWritesTo() throws Exception {
    database = PostgresServer.shared().newDatabase();
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute(
          Files.readString(
              ProjectLayout.root()
                  .resolve("webapp/src/main/resources/db/migration/V6__data_path_probes.sql")));
    }
    keyspace = "probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    cassandra =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(cassandraServer.host(), cassandraServer.port()))
            .withLocalDatacenter(CassandraServer.LOCAL_DATACENTER)
            .build();
    CassandraSchema.statements(keyspace, 1).forEach(cassandra::execute);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      if (!admin.listTopics().names().get().contains(Topics.LOANS)) {
        admin.createTopics(List.of(new NewTopic(Topics.LOANS, 3, (short) 1))).all().get();
      }
    }
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(Topics.LOANS));
    await("the consumer's partitions")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200));
              return !consumer.assignment().isEmpty();
            });
    // Fixes each partition's position at its end now: left to a later poll, "latest" could land
    // after a probe a test has just sent, and the test would never see it.
    consumer.assignment().forEach(consumer::position);
  }

  @AfterAll
  void close() {
    probes.forEach(LibraryProbe::close);
    if (consumer != null) {
      consumer.close();
    }
    if (cassandra != null) {
      cassandra.close();
    }
  }

  @Test
  void probesTheStreamDoesNotWriteNameTheStreamThenArriveWithEveryHopsLatency() throws Exception {
    LibraryProbe probe = newProbe();
    ProbeTarget target = target(database.password(), kafka.bootstrapServers());

    Instant start = now();
    assertThat(probe.step(() -> target)).as("nothing to say before a probe could arrive").isEmpty();
    List<JsonNode> sent = awaitProbesInKafka(1, start);
    JsonNode first = sent.get(0);
    assertThat(first.get("type").asText()).isEqualTo("PROBE");
    assertThat(first.get("memberId").asLong()).isZero();
    assertThat(first.get("bookId").asLong()).isZero();
    assertThat(Instant.parse(first.get("occurredAt").asText())).isBefore(Instant.now());
    assertThat(UUID.fromString(first.get("eventId").asText())).isNotNull();

    Thread.sleep(LATE.plusMillis(200).toMillis());
    Instant second = now();
    DataPathReport stalled = probe.step(() -> target).orElseThrow();
    assertThat(stalled.outcome()).isEqualTo(DataPathReport.Outcome.NOT_ARRIVING);
    assertThat(stalled.failingHop()).isEqualTo(DataPathReport.RANKING_STREAM);
    assertThat(stalled.message()).contains("is in Kafka but the ranking stream has not written it");

    // The stream catches up: every probe so far lands in both stores.
    sent.addAll(awaitProbesInKafka(1, second));
    for (JsonNode event : sent) {
      land(event, true, true);
    }
    DataPathReport arrived = probe.step(() -> target).orElseThrow();
    assertThat(arrived.outcome()).isEqualTo(DataPathReport.Outcome.ARRIVING);
    assertThat(arrived.latencyMillis())
        .containsOnlyKeys("kafka", "rankingStream", "postgres", "cassandra")
        .allSatisfy((hop, millis) -> assertThat(millis).isNotNegative());
    assertThat(arrived.lastArrival())
        .isEqualTo(Instant.parse(sent.get(sent.size() - 1).get("occurredAt").asText()));
    assertThat(probe.step(() -> target))
        .as("an unchanged verdict within a minute is the same report: no status write")
        .containsSame(arrived);
  }

  @Test
  void aProbeThatReachesOnlyPostgresNamesCassandra() throws Exception {
    LibraryProbe probe = newProbe();
    ProbeTarget target = target(database.password(), kafka.bootstrapServers());
    Instant start = now();
    probe.step(() -> target);
    for (JsonNode event : awaitProbesInKafka(1, start)) {
      land(event, true, false);
    }
    Thread.sleep(LATE.plusMillis(200).toMillis());

    DataPathReport report = probe.step(() -> target).orElseThrow();

    assertThat(report.failingHop()).isEqualTo(DataPathReport.CASSANDRA);
    assertThat(report.message()).contains("reached PostgreSQL but not Cassandra");
  }

  @Test
  void aPasswordTheDatabaseRefusesNamesPostgresWithTheServersAnswer() throws Exception {
    LibraryProbe probe = newProbe();
    ProbeTarget target = target("not-the-password", kafka.bootstrapServers());
    Instant start = now();
    probe.step(() -> target);
    awaitProbesInKafka(1, start);
    Thread.sleep(LATE.plusMillis(200).toMillis());

    DataPathReport report = probe.step(() -> target).orElseThrow();

    assertThat(report.failingHop()).isEqualTo(DataPathReport.POSTGRES);
    assertThat(report.message())
        .startsWith("the operator cannot read PostgreSQL")
        .contains("password authentication failed");
    assertThat(report.clientFailureAt(DataPathReport.POSTGRES))
        .as("a refused login is the programs' problem too")
        .isPresent();
  }

  @Test
  void tablesNotCreatedYetAreNoRefusal() throws Exception {
    LibraryProbe probe = newProbe();
    ProbeTarget target =
        new ProbeTarget(
            kafka.bootstrapServers(),
            database.jdbcUrl(),
            database.username(),
            database.password(),
            List.of(cassandraServer.host() + ":" + cassandraServer.port()),
            CassandraServer.LOCAL_DATACENTER,
            "not_created_yet",
            "",
            "");
    Instant start = now();
    probe.step(() -> target);
    awaitProbesInKafka(1, start);
    Thread.sleep(LATE.plusMillis(200).toMillis());

    DataPathReport report = probe.step(() -> target).orElseThrow();

    assertThat(report.failingHop()).isEqualTo(DataPathReport.CASSANDRA);
    assertThat(report.message()).startsWith("the operator cannot read Cassandra");
    assertThat(report.clientFailureAt(DataPathReport.CASSANDRA))
        .as("the stream creates the keyspace at start: nothing may wait on it being there")
        .isEmpty();
  }

  @Test
  void kafkaThatDoesNotAnswerNamesKafka() {
    LibraryProbe probe = newProbe();
    ProbeTarget target = target(database.password(), "127.0.0.1:" + FreePorts.next());

    Optional<DataPathReport> report = probe.step(() -> target);

    assertThat(report).isPresent();
    assertThat(report.get().failingHop()).isEqualTo(DataPathReport.KAFKA);
    assertThat(report.get().message()).startsWith("the probe could not be sent");
  }

  private LibraryProbe newProbe() {
    LibraryProbe probe = new LibraryProbe(Clock.systemUTC(), LATE);
    probes.add(probe);
    return probe;
  }

  private ProbeTarget target(String postgresPassword, String bootstrap) {
    return new ProbeTarget(
        bootstrap,
        database.jdbcUrl(),
        database.username(),
        postgresPassword,
        List.of(cassandraServer.host() + ":" + cassandraServer.port()),
        CassandraServer.LOCAL_DATACENTER,
        keyspace,
        "",
        "");
  }

  /** The next {@code count} probes sent at or after {@code notBefore} (not other tests' ones). */
  private List<JsonNode> awaitProbesInKafka(int count, Instant notBefore) {
    List<JsonNode> events = new ArrayList<>();
    await("probe events on " + Topics.LOANS)
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                assertThat(record.key()).isEqualTo(ProbeClients.PROBE_KEY);
                JsonNode event = JSON.readTree(record.value());
                if (!Instant.parse(event.get("occurredAt").asText()).isBefore(notBefore)) {
                  events.add(event);
                }
              }
              return events.size() >= count;
            });
    return events;
  }

  /** What the ranking stream does with a probe it read: one row in each store it reaches. */
  private void land(JsonNode event, boolean inPostgres, boolean inCassandra) throws Exception {
    UUID id = UUID.fromString(event.get("eventId").asText());
    Instant sentAt = Instant.parse(event.get("occurredAt").asText());
    Instant receivedAt = Instant.now();
    if (inPostgres) {
      try (Connection connection = postgres();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO data_path_probes (probe_id, sent_at, received_at)"
                      + " VALUES (?, ?, ?)")) {
        insert.setObject(1, id);
        insert.setTimestamp(2, Timestamp.from(sentAt));
        insert.setTimestamp(3, Timestamp.from(receivedAt));
        insert.executeUpdate();
      }
    }
    if (inCassandra) {
      cassandra.execute(
          "INSERT INTO "
              + keyspace
              + ".data_path_probes (probe_id, sent_at, received_at) VALUES (?, ?, ?)",
          id,
          sentAt,
          receivedAt);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private Connection postgres() throws Exception {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }
}
