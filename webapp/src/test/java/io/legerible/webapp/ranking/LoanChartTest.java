package io.legerible.webapp.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoanChartTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:58:30Z");

  @Test
  void anHourOfFiveMinuteWindowsBecomesTwelveBarsEndingWithThePeriodHoldingNow() {
    LoanChart chart =
        LoanChart.of(
            new LoanTrend(
                5,
                List.of(
                    point("10:55", 3), point("10:56", 9), point("10:30", 7), point("09:55", 100))),
            NOW,
            Duration.ofHours(1));
    assertThat(chart.bars()).hasSize(12);
    assertThat(chart.from()).isEqualTo("10:00");
    assertThat(chart.to()).isEqualTo("11:00");
    assertThat(chart.bars().get(11)).extracting(LoanChart.Bar::from).isEqualTo("10:55");
    assertThat(chart.bars().stream().map(LoanChart.Bar::loans).toList())
        .as("only windows starting on a period count, so periods never overlap")
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 7L, 0L, 0L, 0L, 0L, 3L);
    assertThat(chart.totalLoans()).isEqualTo(10);
    assertThat(chart.busiest().from()).isEqualTo("10:30");
    assertThat(chart.scaleMax()).isEqualTo(10);
    assertThat(chart.spanHours()).isEqualTo(1);
  }

  @Test
  void oneLoanIsOneBarOnTheBaselineScaleNotALineAlongTheTop() {
    LoanChart chart =
        LoanChart.of(new LoanTrend(5, List.of(point("10:40", 1))), NOW, Duration.ofHours(1));
    List<LoanChart.Bar> drawn = chart.bars().stream().filter(bar -> bar.loans() > 0).toList();
    assertThat(drawn).hasSize(1);
    LoanChart.Bar bar = drawn.get(0);
    assertThat(bar.y() + bar.height()).isEqualTo(chart.baseline());
    assertThat(bar.height()).isPositive();
    assertThat(chart.scale().stream().map(LoanChart.Tick::value).toList()).containsExactly(0L, 1L);
    assertThat(chart.bars())
        .filteredOn(bar2 -> bar2.loans() == 0)
        .allSatisfy(empty -> assertThat(empty.height()).isZero());
  }

  @Test
  void timeLabelsAreSpreadAndBarsStayInsideTheChart() {
    LoanChart chart =
        LoanChart.of(new LoanTrend(5, List.of(point("10:15", 37))), NOW, Duration.ofHours(1));
    assertThat(chart.bars().stream().filter(LoanChart.Bar::timeLabelled).map(LoanChart.Bar::from))
        .containsExactly("10:00", "10:10", "10:20", "10:30", "10:40", "10:50");
    assertThat(chart.scaleMax()).isEqualTo(50);
    assertThat(chart.bars())
        .allSatisfy(
            bar -> {
              assertThat(bar.x()).isGreaterThanOrEqualTo(chart.left());
              assertThat(bar.x() + bar.width()).isLessThanOrEqualTo(chart.right());
              assertThat(bar.y()).isGreaterThanOrEqualTo(0);
            });
  }

  @Test
  void noLoansInTheSpanIsEmpty() {
    LoanChart chart =
        LoanChart.of(new LoanTrend(5, List.of(point("09:00", 4))), NOW, Duration.ofMinutes(30));
    assertThat(chart.isEmpty()).isTrue();
    assertThat(chart.bars()).hasSize(6);
    assertThat(chart.spanHours()).isZero();
    assertThat(chart.spanMinutes()).isEqualTo(30);
  }

  @Test
  void theScaleEndsOnARoundNumber() {
    assertThat(LoanChart.niceCeiling(0)).isEqualTo(1);
    assertThat(LoanChart.niceCeiling(3)).isEqualTo(5);
    assertThat(LoanChart.niceCeiling(38)).isEqualTo(50);
    assertThat(LoanChart.niceCeiling(101)).isEqualTo(200);
  }

  private static LoanTrend.Point point(String time, long loans) {
    return new LoanTrend.Point(Instant.parse("2026-11-25T" + time + ":00Z"), loans);
  }
}
