package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoanTrendIT extends WebsiteIntegrationTest {

  @Test
  void theHomePageDrawsTheLoanTrendTheStreamJobWroteToCassandra() {
    writeLoanTrend();
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
