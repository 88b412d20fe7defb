package io.legerible.webapp.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoanTrendTest {

  @Test
  void pointsAreScaledIntoTheChartWithTheHighestWindowAtTheTop() {
    Instant start = Instant.parse("2026-11-25T10:00:00Z");
    LoanTrend trend =
        new LoanTrend(
            5,
            List.of(
                new LoanTrend.Point(start, 0),
                new LoanTrend.Point(start.plusSeconds(60), 4),
                new LoanTrend.Point(start.plusSeconds(120), 2)));
    assertThat(trend.maxLoans()).isEqualTo(4);
    assertThat(trend.polylinePoints()).isEqualTo("0.0,160.0 300.0,0.0 600.0,80.0");
    assertThat(trend.from()).isEqualTo(start);
    assertThat(trend.to()).isEqualTo(start.plusSeconds(120));
  }

  @Test
  void anEmptyTrendHasNoPoints() {
    LoanTrend trend = new LoanTrend(5, List.of());
    assertThat(trend.isEmpty()).isTrue();
    assertThat(trend.polylinePoints()).isEmpty();
  }
}
