package io.legerible.sparkjobs.ranking;

import io.legerible.sparkjobs.platform.JobSettings;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the loan-ranking stream: {@code library.loans} → all-time ranking in PostgreSQL,
 * events and windowed counts in Cassandra. Runs until stopped; exits non-zero when a query fails.
 */
public final class RankingStreamJob {

  private RankingStreamJob() {}

  /** Arguments: {@code --name=value} overrides of the platform environment. */
  public static void main(String[] args) throws Exception {
    RankingStreamSettings settings =
        RankingStreamSettings.from(JobSettings.from(System.getenv(), args));
    SparkSession spark = SparkSession.builder().appName("legerible-ranking-stream").getOrCreate();
    try (RankingStream stream = RankingStream.start(spark, settings)) {
      stream.awaitTermination();
    } finally {
      spark.stop();
    }
  }
}
