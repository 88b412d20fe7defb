package io.legerible.webapp.ranking;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Loans per sliding window over the recent past, oldest first, as the stream job wrote them to
 * Cassandra.
 */
public record LoanTrend(int windowMinutes, List<Point> points) implements Serializable {

  /** Loans counted in the window starting at {@code windowStart}. */
  public record Point(Instant windowStart, long loans) implements Serializable {}

  public LoanTrend {
    points = List.copyOf(points);
  }
}
