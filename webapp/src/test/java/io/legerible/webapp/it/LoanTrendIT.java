package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.CassandraTables;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class LoanTrendIT extends WebsiteIntegrationTest {

  @Test
  void theHomePageDrawsTheLoanTrendTheStreamJobWroteToCassandra() {
    Instant latest = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(CASSANDRA.host(), CASSANDRA.port()))
            .withLocalDatacenter(CASSANDRA.localDatacenter())
            .build()) {
      for (int minutesAgo = 0; minutesAgo < 10; minutesAgo++) {
        Instant windowStart = latest.minus(minutesAgo, ChronoUnit.MINUTES);
        for (long bookId = 1; bookId <= 2; bookId++) {
          session.execute(
              "INSERT INTO "
                  + CASSANDRA_KEYSPACE
                  + "."
                  + CassandraTables.WINDOWED_LOAN_COUNTS
                  + " (day, window_minutes, window_start, book_id, loans) VALUES (?, ?, ?, ?, ?)",
              LocalDate.ofInstant(windowStart, ZoneOffset.UTC),
              5,
              windowStart,
              bookId,
              (long) (10 + minutesAgo));
        }
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String home = visitor().get("/").body();
              assertThat(home).contains("id=\"trend\"").contains("<polyline");
              assertThat(home).contains("highest: 38");
            });
  }
}
