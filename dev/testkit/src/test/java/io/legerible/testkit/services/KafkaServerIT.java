package io.legerible.testkit.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaServerIT {

  @Test
  void producedRecordIsConsumed() throws Exception {
    KafkaServer kafka = KafkaServer.shared();
    String topic = "smoke-" + UUID.randomUUID();
    String value = "loaned " + UUID.randomUUID();

    produce(kafka, topic, "book-42", value);

    assertThat(consumeAll(kafka, topic, 1))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("book-42");
              assertThat(record.value()).isEqualTo(value);
            });
  }

  @Test
  void stoppedBrokerFailsClientsAndRestartKeepsRecords() throws Exception {
    KafkaServer kafka = KafkaServer.shared();
    String topic = "restart-" + UUID.randomUUID();
    produce(kafka, topic, "book-7", "before restart");

    kafka.stop();
    try {
      try (Admin admin = admin(kafka)) {
        assertThatThrownBy(() -> admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS))
            .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
      }
    } finally {
      kafka.start();
    }

    assertThat(consumeAll(kafka, topic, 1))
        .extracting(ConsumerRecord::value)
        .containsExactly("before restart");
  }

  private static void produce(KafkaServer kafka, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            30_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> consumeAll(
      KafkaServer kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static Admin admin(KafkaServer kafka) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000));
  }
}
