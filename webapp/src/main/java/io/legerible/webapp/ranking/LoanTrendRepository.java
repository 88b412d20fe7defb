package io.legerible.webapp.ranking;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.legerible.contracts.CassandraTables;
import io.legerible.webapp.cache.CacheNames;
import io.legerible.webapp.system.CassandraConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Repository;

/**
 * Reads the windowed loan counts the stream job writes to Cassandra. Empty when Cassandra does not
 * answer, so the home page never depends on it.
 */
@Repository
public class LoanTrendRepository {

  private final CassandraConnection cassandra;
  private final int windowMinutes;
  private final Duration span;
  private final Clock clock;

  LoanTrendRepository(
      CassandraConnection cassandra,
      @Value("${legerible.trend.window-minutes:5,1}") String windowMinutes,
      @Value("${legerible.trend.span:PT1H}") Duration span) {
    this.cassandra = cassandra;
    this.windowMinutes = Integer.parseInt(windowMinutes.split(",")[0].strip());
    this.span = span;
    this.clock = Clock.systemUTC();
  }

  /** How far back the trend reaches. */
  public Duration span() {
    return span;
  }

  /** The total loans per window over the configured span; null when Cassandra is unavailable. */
  @Cacheable(cacheNames = CacheNames.TREND, key = "'recent'", unless = "#result == null")
  public LoanTrend recent() {
    Optional<com.datastax.oss.driver.api.core.CqlSession> session = cassandra.session();
    if (session.isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    Instant since = now.minus(span);
    TreeMap<Instant, Long> perWindow = new TreeMap<>();
    LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      SimpleStatement query =
          SimpleStatement.newInstance(
              "SELECT window_start, loans FROM "
                  + cassandra.keyspace()
                  + "."
                  + CassandraTables.WINDOWED_LOAN_COUNTS
                  + " WHERE day = ? AND window_minutes = ? AND window_start >= ?",
              day,
              windowMinutes,
              since);
      try {
        for (Row row : session.get().execute(query)) {
          perWindow.merge(row.getInstant("window_start"), row.getLong("loans"), Long::sum);
        }
      } catch (RuntimeException e) {
        cassandra.reportFailure(e);
        return null;
      }
    }
    List<LoanTrend.Point> points = new ArrayList<>();
    perWindow.forEach((start, loans) -> points.add(new LoanTrend.Point(start, loans)));
    return new LoanTrend(windowMinutes, points);
  }
}
