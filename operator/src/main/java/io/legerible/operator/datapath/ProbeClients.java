package io.legerible.operator.datapath;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.legerible.contracts.CassandraTables;
import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.contracts.PostgresTables;
import io.legerible.contracts.Topics;
import io.legerible.operator.dependent.platform.ConnectionContract;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The clients one library's probe uses, made for one {@link ProbeTarget}: a Kafka producer, an
 * offsets-only Kafka consumer and a Cassandra session kept between probes, a PostgreSQL connection
 * opened for each read (so every read also proves the credentials). Short timeouts: a probe must
 * report a dead hop, not wait on it.
 */
final class ProbeClients implements AutoCloseable {

  /** The probe's key: probes stay in order on one partition, so a newer arrival implies older. */
  static final String PROBE_KEY = "0";

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** What PostgreSQL or Cassandra holds of one probe. */
  record Landed(Instant receivedAt, Instant writtenAt) {}

  private final ProbeTarget target;
  private KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> offsets;
  private CqlSession cassandra;

  ProbeClients(ProbeTarget target) {
    this.target = target;
  }

  ProbeTarget target() {
    return target;
  }

  /**
   * Sends probe {@code id}, sent at {@code sentAt}, as a loan event; the future completes when
   * Kafka acknowledged it. Throws when the producer cannot even be made (e.g. no resolvable
   * bootstrap server) or has no metadata within the timeout.
   */
  CompletableFuture<Instant> send(UUID id, Instant sentAt) throws Exception {
    String value =
        JSON.writeValueAsString(new LoanEvent(id, LoanEventType.PROBE, 0, 0, null, sentAt));
    CompletableFuture<Instant> acked = new CompletableFuture<>();
    producer()
        .send(
            new ProducerRecord<>(Topics.LOANS, PROBE_KEY, value),
            (metadata, failure) -> {
              if (failure == null) {
                acked.complete(Instant.now());
              } else {
                acked.completeExceptionally(failure);
              }
            });
    return acked;
  }

  /**
   * What PostgreSQL holds: the probes of {@code ids}, with when the stream read and wrote them, and
   * the stream's positions on the loans topic (partition to the next offset it reads).
   */
  FromPostgres readPostgres(List<UUID> ids) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", target.postgresUser());
    login.setProperty("password", target.postgresPassword());
    login.setProperty("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
    login.setProperty("socketTimeout", Long.toString(TIMEOUT.toSeconds()));
    login.setProperty("ApplicationName", "legerible-operator-data-path-probe");
    Map<UUID, Landed> landed = new HashMap<>();
    Map<Integer, Long> positions = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(target.postgresUrl(), login)) {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT probe_id, received_at, written_at FROM "
                  + PostgresTables.DATA_PATH_PROBES
                  + " WHERE probe_id = ANY(?)")) {
        Array array = connection.createArrayOf("uuid", ids.toArray());
        query.setArray(1, array);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            landed.put(
                rows.getObject(1, UUID.class),
                new Landed(rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant()));
          }
        }
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT kafka_partition, next_offset FROM "
                  + PostgresTables.RANKING_STREAM_POSITIONS
                  + " WHERE topic = ?")) {
        query.setString(1, Topics.LOANS);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            positions.put(rows.getInt(1), rows.getLong(2));
          }
        }
      }
    }
    return new FromPostgres(landed, positions);
  }

  /** What PostgreSQL holds of the probes and of the stream's progress. */
  record FromPostgres(Map<UUID, Landed> probes, Map<Integer, Long> positions) {}

  /**
   * Events on the loans topic the stream has not counted: per partition, the topic's end minus the
   * stream's position (or the partition's start, when retention removed older records).
   */
  long eventsWaiting(Map<Integer, Long> positions) {
    KafkaConsumer<String, String> consumer = offsets();
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.LOANS, TIMEOUT).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    long waiting = 0;
    for (TopicPartition partition : partitions) {
      long counted =
          Math.max(start.get(partition), positions.getOrDefault(partition.partition(), 0L));
      waiting += Math.max(0, end.get(partition) - counted);
    }
    return waiting;
  }

  /**
   * The probes of {@code ids} that Cassandra holds, with when the stream read them and when its
   * write happened (the cell's write time).
   */
  Map<UUID, Landed> inCassandra(List<UUID> ids) {
    Map<UUID, Landed> landed = new HashMap<>();
    SimpleStatement query =
        SimpleStatement.newInstance(
                "SELECT probe_id, received_at, writetime(received_at) FROM "
                    + target.cassandraKeyspace()
                    + "."
                    + CassandraTables.DATA_PATH_PROBES
                    + " WHERE probe_id IN ?",
                ids)
            .setTimeout(TIMEOUT);
    for (Row row : cassandra().execute(query)) {
      long micros = row.getLong(2);
      landed.put(
          row.getUuid(0),
          new Landed(
              row.getInstant(1),
              Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000)));
    }
    return landed;
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
      config.put(ProducerConfig.CLIENT_ID_CONFIG, "legerible-operator-data-path-probe");
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      // A probe is not retried for long: the next one is due soon, and a late ack is the news.
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() * 2);
      config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
    return producer;
  }

  /** A consumer that only asks for offsets: no group, never polls. */
  private KafkaConsumer<String, String> offsets() {
    if (offsets == null) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, "legerible-operator-data-path-offsets");
      config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
      offsets = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
    return offsets;
  }

  private CqlSession cassandra() {
    if (cassandra == null) {
      DriverConfigLoader config =
          DriverConfigLoader.programmaticBuilder()
              .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
              .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, TIMEOUT)
              .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, TIMEOUT)
              .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, TIMEOUT)
              // Only one table is read, by the probe: no need for the whole schema's metadata.
              .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
              .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
              .build();
      var builder =
          CqlSession.builder()
              .addContactPoints(
                  target.cassandraContactPoints().stream()
                      .map(ConnectionContract::address)
                      .toList())
              .withLocalDatacenter(target.cassandraDatacenter())
              .withConfigLoader(config);
      if (!target.cassandraUser().isEmpty()) {
        builder.withAuthCredentials(target.cassandraUser(), target.cassandraPassword());
      }
      cassandra = builder.build();
    }
    return cassandra;
  }

  /** Drops the Cassandra session so that the next read connects again. */
  void resetCassandra() {
    if (cassandra != null) {
      cassandra.closeAsync();
      cassandra = null;
    }
  }

  /**
   * Whether PostgreSQL refused the programs' settings themselves: no connection (SQLSTATE class
   * 08), a refused login (28) or no such database (3D000). A missing table is not a refusal: the
   * website creates it once it runs, and it must not be held up for it.
   */
  static boolean refusedByPostgres(Exception failure) {
    String state = failure instanceof SQLException sql ? sql.getSQLState() : null;
    return state != null
        && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
  }

  /**
   * Whether Cassandra refused the programs' settings themselves: no node would connect or log in. A
   * missing keyspace or table is not a refusal: the ranking stream creates them at start.
   */
  static boolean refusedByCassandra(Exception failure) {
    return failure instanceof AllNodesFailedException || failure instanceof AuthenticationException;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
    if (offsets != null) {
      offsets.close(Duration.ZERO);
      offsets = null;
    }
    resetCassandra();
  }
}
