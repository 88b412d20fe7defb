package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.legerible.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoanEventOutboxIT extends WebsiteIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyLoanReachesKafkaInTheContractShape() {
    long bookId = Books.freeBook(jdbc, 2);
    String isbn = isbnOf(bookId);
    member("nadia").submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of());
    UUID eventId = latestEventOf(bookId);

    ConsumerRecord<String, String> record = consume(eventId);

    assertThat(record.key()).isEqualTo(Long.toString(bookId));
    JsonNode event = JSON.readTree(record.value());
    assertThat(event.propertyNames())
        .containsExactlyInAnyOrder("eventId", "type", "memberId", "bookId", "isbn", "occurredAt");
    assertThat(event.get("eventId").asString()).isEqualTo(eventId.toString());
    assertThat(event.get("type").asString()).isEqualTo("LOANED");
    assertThat(event.get("memberId").asLong()).isEqualTo(memberId("nadia"));
    assertThat(event.get("bookId").asLong()).isEqualTo(bookId);
    assertThat(event.get("isbn").asString()).isEqualTo(isbn);
    assertThat(Instant.parse(event.get("occurredAt").asString()))
        .isBetween(Instant.now().minusSeconds(120), Instant.now());
  }

  @Test
  void aLoanMadeWhileKafkaIsDownReachesKafkaOnceItIsBack() {
    long bookId = Books.freeBook(jdbc, 2);
    WebSession benni = member("benni");
    UUID eventId;
    KAFKA.stop();
    try {
      HttpResponse302.assertRedirect(
          benni.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of()));
      eventId = latestEventOf(bookId);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> !published(eventId));
      String status = visitor().get("/status").body();
      assertThat(status).contains("id=\"service-Kafka\" class=\"down\"");
      assertThat(status).containsPattern("id=\"pending-events\">[1-9][0-9]* loan events");
    } finally {
      KAFKA.start();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> published(eventId));
    assertThat(consume(eventId).key()).isEqualTo(Long.toString(bookId));
  }

  private String isbnOf(long bookId) {
    return jdbc.sql("SELECT isbn13 FROM books WHERE id = :id")
        .param("id", bookId)
        .query(String.class)
        .single();
  }

  private UUID latestEventOf(long bookId) {
    return jdbc.sql(
            "SELECT event_id FROM loan_event_outbox WHERE book_id = :book"
                + " ORDER BY created_at DESC LIMIT 1")
        .param("book", bookId)
        .query(UUID.class)
        .single();
  }

  private boolean published(UUID eventId) {
    return jdbc.sql("SELECT published_at IS NOT NULL FROM loan_event_outbox WHERE event_id = :id")
        .param("id", eventId)
        .query(Boolean.class)
        .single();
  }

  private static ConsumerRecord<String, String> consume(UUID eventId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "webapp-it-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(Topics.LOANS));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value().contains(eventId.toString())) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("Event " + eventId + " did not arrive on " + Topics.LOANS);
  }
}
