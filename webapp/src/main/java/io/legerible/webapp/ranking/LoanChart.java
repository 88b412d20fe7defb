package io.legerible.webapp.ranking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loan trend as a bar chart drawn on the server: one bar per period of the window's length (the
 * stream's windows that do not overlap), a time axis in UTC, a value above each bar and a scale on
 * the left; every coordinate is in SVG user units of a {@link #WIDTH} × {@link #HEIGHT} view box.
 */
public record LoanChart(
    int periodMinutes, Duration span, List<Bar> bars, long scaleMax, List<Tick> scale) {

  public static final int WIDTH = 600;
  public static final int HEIGHT = 220;
  static final double LEFT = 40;
  static final double RIGHT = WIDTH - 8;
  static final double TOP = 20;
  static final double BASELINE = HEIGHT - 32;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  /**
   * One period: when it starts and ends (UTC), its loans, and where its slot, bar and labels go.
   */
  public record Bar(
      String from,
      String to,
      long loans,
      double slotLeft,
      double x,
      double y,
      double width,
      double height,
      double centre,
      boolean timeLabelled) {}

  /** A value on the scale and the height it is drawn at. */
  public record Tick(long value, double y) {}

  public LoanChart {
    bars = List.copyOf(bars);
    scale = List.copyOf(scale);
  }

  /**
   * The periods of {@code span} up to the one that holds {@code now}, each with the loans of the
   * stream's window that starts with it (0 where the stream wrote none).
   */
  public static LoanChart of(LoanTrend trend, Instant now, Duration span) {
    int minutes = Math.max(1, trend.windowMinutes());
    long periodSeconds = minutes * 60L;
    int count = (int) Math.max(1, span.toSeconds() / periodSeconds);
    long lastStart = Math.floorDiv(now.getEpochSecond(), periodSeconds) * periodSeconds;
    Map<Long, Long> loansByStart = new HashMap<>();
    for (LoanTrend.Point point : trend.points()) {
      loansByStart.merge(point.windowStart().getEpochSecond(), point.loans(), Long::sum);
    }
    List<Long> loans = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      loans.add(loansByStart.getOrDefault(lastStart - i * periodSeconds, 0L));
    }
    long scaleMax = niceCeiling(loans.stream().max(Comparator.naturalOrder()).orElse(0L));
    double slot = (RIGHT - LEFT) / count;
    int labelEvery = Math.max(1, (int) Math.ceil(count / 6.0));
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant start = Instant.ofEpochSecond(lastStart - (count - 1 - i) * periodSeconds);
      double height = (BASELINE - TOP) * loans.get(i) / scaleMax;
      double x = LEFT + i * slot;
      bars.add(
          new Bar(
              TIME.format(start),
              TIME.format(start.plusSeconds(periodSeconds)),
              loans.get(i),
              round(x),
              round(x + slot * 0.15),
              round(BASELINE - height),
              round(slot * 0.7),
              round(height),
              round(x + slot / 2),
              i % labelEvery == 0));
    }
    List<Tick> scale =
        List.of(
            new Tick(0, BASELINE),
            new Tick(scaleMax / 2, round(BASELINE - (BASELINE - TOP) * (scaleMax / 2) / scaleMax)),
            new Tick(scaleMax, TOP));
    return new LoanChart(
        minutes, span, bars, scaleMax, scaleMax >= 2 ? scale : List.of(scale.get(0), scale.get(2)));
  }

  /** Whether no period had a loan. */
  public boolean isEmpty() {
    return totalLoans() == 0;
  }

  public long totalLoans() {
    return bars.stream().mapToLong(Bar::loans).sum();
  }

  /** The period with the most loans (the earliest of equals). */
  public Bar busiest() {
    return bars.stream().max(Comparator.comparingLong(Bar::loans)).orElseThrow();
  }

  public String from() {
    return bars.get(0).from();
  }

  public String to() {
    return bars.get(bars.size() - 1).to();
  }

  /** The span in whole hours, or 0 when it is not a whole number of hours. */
  public long spanHours() {
    return span.toMinutes() % 60 == 0 ? span.toHours() : 0;
  }

  public long spanMinutes() {
    return span.toMinutes();
  }

  public double left() {
    return LEFT;
  }

  public double right() {
    return RIGHT;
  }

  public double baseline() {
    return BASELINE;
  }

  /** The smallest of 1, 2, 5, 10, 20, 50, … that is at least {@code value}, and at least 1. */
  static long niceCeiling(long value) {
    long nice = 1;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        if (nice * step >= value) {
          return nice * step;
        }
      }
      nice *= 10;
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
