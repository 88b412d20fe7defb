package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes records that are not valid loan events to {@link Topics#LOANS_DEAD_LETTER}, unchanged,
 * with headers saying why and where they came from.
 */
final class DeadLetterPublisher implements AutoCloseable {

  /** Header holding the reason a record was rejected. */
  static final String ERROR_HEADER = "legerible.error";

  /** Header holding {@code topic/partition/offset} of the rejected record. */
  static final String SOURCE_HEADER = "legerible.source";

  /** A rejected record. */
  record DeadLetter(String key, String value, String error, String source) {}

  private final KafkaProducer<String, String> producer;

  DeadLetterPublisher(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(config);
  }

  /** Publishes all and waits until the broker has them, so the batch commits only after that. */
  void publish(List<DeadLetter> letters) {
    List<Future<RecordMetadata>> sent =
        letters.stream()
            .map(
                letter -> {
                  ProducerRecord<String, String> record =
                      new ProducerRecord<>(Topics.LOANS_DEAD_LETTER, letter.key(), letter.value());
                  record
                      .headers()
                      .add(ERROR_HEADER, letter.error().getBytes(StandardCharsets.UTF_8));
                  record
                      .headers()
                      .add(SOURCE_HEADER, letter.source().getBytes(StandardCharsets.UTF_8));
                  return producer.send(record);
                })
            .toList();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while dead-lettering", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "could not publish to " + Topics.LOANS_DEAD_LETTER + ": " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
