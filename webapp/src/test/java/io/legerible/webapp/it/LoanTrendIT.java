package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class LoanTrendIT extends WebsiteIntegrationTest {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  @Test
  void theHomePageDrawsTheLoanTrendAsLabelledBarsWithATableOfTheNumbers() {
    // writeLoanTrend: windows each minute for the ten minutes before the last one, 2 × (10 +
    // minutes ago) loans each; the chart keeps those starting on a 5-minute period.
    Instant latest = writeLoanTrend();
    int minutesAgo = (int) (latest.getEpochSecond() / 60 % 5);
    Instant period = latest.minus(minutesAgo, ChronoUnit.MINUTES);
    String row =
        "<th scope=\"row\">"
            + TIME.format(period)
            + " to "
            + TIME.format(period.plus(5, ChronoUnit.MINUTES))
            + "</th><td class=\"number\">"
            + 2 * (10 + minutesAgo)
            + "</td>";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String home = visitor().get("/").body().replaceAll(">\\s+<", "><");
              assertThat(home)
                  .contains("id=\"trend\"")
                  .contains("Loans over the last hour")
                  .contains("<rect class=\"bar\"")
                  .contains("class=\"value\"")
                  .contains("Loans per 5-minute period from")
                  .contains("id=\"trend-table\"")
                  .contains(row)
                  .doesNotContain("<polyline");
            });
  }
}
