package io.legerible.bookfeed.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.legerible.contracts.Topics;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The feed against real Kafka and PostgreSQL, producing 20 scans per second meanwhile. */
@SpringBootTest
class BookFeedIT {

  private static final String HUNGER_GAMES = "9780439023481";

  private static PostgresDatabase database;

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    database = PostgresServer.shared().newDatabase();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations(
            "filesystem:" + ProjectLayout.root().resolve("webapp/src/main/resources/db/migration"))
        .load()
        .migrate();
    registry.add("spring.kafka.bootstrap-servers", () -> KafkaServer.shared().bootstrapServers());
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    registry.add("legerible.feed.rate-per-second", () -> "20");
  }

  @Test
  void scannedIsbnBecomesOneBookDescribedAsTheWebsiteDescribesIt() {
    scan("978-0-439-02348-1");
    scan(HUNGER_GAMES);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("SELECT count(*) FROM books WHERE isbn13 = ?", HUNGER_GAMES) == 1);
    assertThat(
            jdbc.sql(
                    "SELECT title || '|' || authors || '|' || publication_year || '|' || language"
                        + " FROM books WHERE isbn13 = ?")
                .param(HUNGER_GAMES)
                .query(String.class)
                .single())
        .as("the shared catalogue's description, language code normalised as on the website")
        .isEqualTo("The Hunger Games (The Hunger Games, #1)|Suzanne Collins|2008|en");
  }

  @Test
  void badCheckDigitUnknownIsbnAndGarbageAreDeadLetteredWithTheReason() {
    String badCheckDigit = "9780439023482";
    String unknown = "9780000000002";
    scan(badCheckDigit);
    scan(unknown);
    kafka.send(Topics.BOOK_SCANS, "garbage", "{not json");
    kafka.send(Topics.BOOK_SCANS, "no-isbn", "{\"eventId\":\"" + UUID.randomUUID() + "\"}");

    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(Topics.BOOK_SCANS_DEAD_LETTER));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(500))) {
                  reasons.add(
                      record.key()
                          + ": "
                          + new String(
                              record.headers().lastHeader("legerible.error").value(),
                              StandardCharsets.UTF_8));
                }
                return reasons.size() >= 4;
              });
    }
    assertThat(reasons)
        .anySatisfy(r -> assertThat(r).startsWith(badCheckDigit).contains("check digit"))
        .anySatisfy(
            r -> assertThat(r).startsWith(unknown).contains("neither the bundled catalogue"))
        .anySatisfy(r -> assertThat(r).startsWith("garbage").contains("not a book scan event"))
        .anySatisfy(r -> assertThat(r).startsWith("no-isbn").contains("not a book scan event"));
    assertThat(count("SELECT count(*) FROM books WHERE isbn13 IN (?, ?)", badCheckDigit, unknown))
        .isZero();
  }

  @Test
  void producerPublishesScansOfCatalogueBooks() {
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(Topics.BOOK_SCANS));
      List<String> scanned = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> scanned.add(r.value()));
                // The other tests send 5 scans by hand; the rest come from the producer.
                return scanned.stream()
                        .filter(value -> value.matches(".*\"isbn\":\"97[89]\\d{10}\".*"))
                        .count()
                    >= 30;
              });
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM books") >= 10);
  }

  private void scan(String isbn) {
    kafka.send(
        Topics.BOOK_SCANS,
        isbn,
        "{\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"isbn\":\""
            + isbn
            + "\",\"scannedAt\":\"2026-11-25T10:00:00Z\"}");
  }

  private long count(String sql, Object... params) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    for (Object param : params) {
      statement = statement.param(param);
    }
    return statement.query(Long.class).single();
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaServer.shared().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
