package io.legerible.sparkjobs.ranking;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the loan-ranking stream: {@code library.loans} → all-time ranking in PostgreSQL,
 * events and windowed counts in Cassandra. Runs until stopped; exits non-zero when a query fails.
 * With {@link PlatformEnvironment#RANKING_READY_FILE} set, that file exists exactly while both
 * queries run.
 */
public final class RankingStreamJob {

  private RankingStreamJob() {}

  /** Arguments: {@code --name=value} overrides of the platform environment. */
  public static void main(String[] args) throws Exception {
    JobSettings job = JobSettings.from(System.getenv(), args);
    Optional<Path> readyFile = job.find(PlatformEnvironment.RANKING_READY_FILE).map(Path::of);
    // A file left by a run that was killed must not make this one look ready before it is.
    if (readyFile.isPresent()) {
      Files.deleteIfExists(readyFile.get());
    }
    RankingStreamSettings settings = RankingStreamSettings.from(job);
    SparkSession spark = SparkSession.builder().appName("legerible-ranking-stream").getOrCreate();
    try (RankingStream stream = RankingStream.start(spark, settings)) {
      if (readyFile.isPresent()) {
        Files.writeString(readyFile.get(), "loan-ranking runs\n");
      }
      stream.awaitTermination();
    } finally {
      if (readyFile.isPresent()) {
        Files.deleteIfExists(readyFile.get());
      }
      spark.stop();
    }
  }
}
