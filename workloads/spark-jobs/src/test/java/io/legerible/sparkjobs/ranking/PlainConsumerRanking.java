package io.legerible.sparkjobs.ranking;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.contracts.Topics;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The benchmarks' reference for the stream: a plain Kafka consumer that reads the loans topic from
 * the beginning and, per poll, writes the same ranking and windows transaction and the same
 * Cassandra rows as the Spark stream's batch sink, with no Spark in between. How close the stream
 * comes to it shows what Spark costs on the same cores.
 */
public final class PlainConsumerRanking {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlainConsumerRanking() {}

  /**
   * Reads every record on {@link Topics#LOANS} until {@code events} loan events are applied, and
   * returns how long that took.
   */
  public static Duration run(RankingStreamSettings settings, int events) throws Exception {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.kafkaBootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class.getName(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            20_000,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            16 * 1024 * 1024,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    ExecutorService lakeThread = Executors.newSingleThreadExecutor();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        CqlSession cassandra = settings.cassandra().connect();
        Connection connection = settings.postgres().connect()) {
      settings.cassandra().applySchema(cassandra);
      LoanLakeWriter lake = new LoanLakeWriter(cassandra, settings.cassandra().keyspace());
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.LOANS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long started = System.nanoTime();
      int applied = 0;
      while (applied < events) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        Map<UUID, LoanEvent> distinct = new LinkedHashMap<>();
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
          nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
          LoanEvent event = parse(record.value());
          distinct.putIfAbsent(event.eventId(), event);
        }
        List<LoanEvent> loans = new ArrayList<>(distinct.values());
        CompletableFuture<Void> lakeWrite =
            CompletableFuture.runAsync(() -> lake.writeEvents(loans), lakeThread);
        BookRankingRepository.Applied ranked =
            BookRankingRepository.apply(
                connection, loans, List.of(), Instant.now(), nextOffsets, settings.windows());
        lake.writeWindows(settings.windows().lengthMinutes(), ranked.windows());
        lakeWrite.join();
        applied += loans.size();
      }
      return Duration.ofNanos(System.nanoTime() - started);
    } finally {
      lakeThread.shutdownNow();
    }
  }

  private static LoanEvent parse(String value) throws Exception {
    JsonNode node = JSON.readTree(value);
    return new LoanEvent(
        UUID.fromString(node.get("eventId").asText()),
        LoanEventType.valueOf(node.get("type").asText()),
        node.get("memberId").asLong(),
        node.get("bookId").asLong(),
        node.get("isbn").isNull() ? null : node.get("isbn").asText(),
        Instant.parse(node.get("occurredAt").asText()));
  }
}
