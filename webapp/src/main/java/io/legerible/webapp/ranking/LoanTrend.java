package io.legerible.webapp.ranking;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Loans per sliding window over the recent past, oldest first, as the stream job wrote them to
 * Cassandra; renders itself as the points of an SVG polyline.
 */
public record LoanTrend(int windowMinutes, List<Point> points) implements Serializable {

  /** Chart width and height in SVG user units. */
  public static final int WIDTH = 600;

  public static final int HEIGHT = 160;

  /** Loans counted in the window starting at {@code windowStart}. */
  public record Point(Instant windowStart, long loans) implements Serializable {}

  public LoanTrend {
    points = List.copyOf(points);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  public long maxLoans() {
    return points.stream().mapToLong(Point::loans).max().orElse(0);
  }

  public Instant from() {
    return points.isEmpty() ? null : points.get(0).windowStart();
  }

  public Instant to() {
    return points.isEmpty() ? null : points.get(points.size() - 1).windowStart();
  }

  /** {@code "x,y x,y …"} scaled into {@link #WIDTH} × {@link #HEIGHT}, y growing downwards. */
  public String polylinePoints() {
    if (points.isEmpty()) {
      return "";
    }
    long max = Math.max(1, maxLoans());
    int n = points.size();
    return IntStream.range(0, n)
        .mapToObj(
            i -> {
              double x = n == 1 ? WIDTH / 2.0 : (double) i * WIDTH / (n - 1);
              double y = HEIGHT - (double) points.get(i).loans() * HEIGHT / max;
              return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
            })
        .collect(Collectors.joining(" "));
  }
}
