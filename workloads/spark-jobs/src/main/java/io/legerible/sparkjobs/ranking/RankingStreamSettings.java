package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.CassandraSettings;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.PostgresSettings;

/** Everything the loan-ranking stream needs, read from the platform environment. */
public record RankingStreamSettings(
    String kafkaBootstrapServers,
    String checkpointDir,
    double triggerSeconds,
    WindowSpec windows,
    int maxEventsPerBatch,
    PostgresSettings postgres,
    CassandraSettings cassandra) {

  /** Upper bound of events per micro-batch, so a backlog is worked off in bounded steps. */
  public static final String MAX_EVENTS_PER_BATCH = "LEGERIBLE_RANKING_MAX_EVENTS_PER_BATCH";

  public RankingStreamSettings {
    if (!(triggerSeconds > 0)) {
      throw new IllegalArgumentException(
          PlatformEnvironment.RANKING_TRIGGER_SECONDS + " must be positive, got " + triggerSeconds);
    }
    if (maxEventsPerBatch < 1) {
      throw new IllegalArgumentException(MAX_EVENTS_PER_BATCH + " must be positive");
    }
  }

  /** Reads and checks the settings; the error names the variable to set. */
  public static RankingStreamSettings from(JobSettings settings) {
    return new RankingStreamSettings(
        settings.require(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS),
        settings.require(PlatformEnvironment.RANKING_CHECKPOINT_DIR),
        settings.getDouble(PlatformEnvironment.RANKING_TRIGGER_SECONDS, 2),
        WindowSpec.parse(settings.get(PlatformEnvironment.RANKING_WINDOW_MINUTES, "5,1")),
        settings.getInt(MAX_EVENTS_PER_BATCH, 200_000),
        PostgresSettings.from(settings),
        CassandraSettings.from(settings));
  }

  /** The trigger interval as Spark reads it. */
  public String triggerInterval() {
    return milliseconds(triggerSeconds);
  }

  private static String milliseconds(double seconds) {
    return Math.round(seconds * 1000) + " milliseconds";
  }
}
