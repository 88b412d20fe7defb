package io.legerible.sparkjobs.ranking;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.Topics;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The running loan-ranking stream: two queries over {@link Topics#LOANS}, each with its own
 * checkpoint. {@code ranking} keeps the all-time counts in PostgreSQL and the raw events in
 * Cassandra and dead-letters malformed records; {@code windows} keeps the sliding-window loan
 * counts in Cassandra. Close it to stop both and release the connections.
 */
public final class RankingStream implements AutoCloseable {

  private final SparkSession spark;
  private final CqlSession cassandra;
  private final DeadLetterPublisher deadLetters;
  private final RankingBatchSink rankingSink;
  private final StreamingQuery ranking;
  private final StreamingQuery windows;

  private RankingStream(
      SparkSession spark,
      CqlSession cassandra,
      DeadLetterPublisher deadLetters,
      RankingBatchSink rankingSink,
      StreamingQuery ranking,
      StreamingQuery windows) {
    this.spark = spark;
    this.cassandra = cassandra;
    this.deadLetters = deadLetters;
    this.rankingSink = rankingSink;
    this.ranking = ranking;
    this.windows = windows;
  }

  /** Applies the data lake schema and starts both queries. */
  public static RankingStream start(SparkSession spark, RankingStreamSettings settings)
      throws TimeoutException {
    CqlSession cassandra = settings.cassandra().connect();
    DeadLetterPublisher deadLetters = null;
    RankingBatchSink rankingSink = null;
    StreamingQuery ranking = null;
    try {
      settings.cassandra().applySchema(cassandra);
      LoanLakeWriter lake = new LoanLakeWriter(cassandra, settings.cassandra().keyspace());
      deadLetters = new DeadLetterPublisher(settings.kafkaBootstrapServers());
      rankingSink = new RankingBatchSink(deadLetters, lake, settings.postgres());
      Dataset<Row> parsed = LoanEventTransforms.parse(loans(spark, settings));
      Path checkpoints = Path.of(settings.checkpointDir());
      // With spark.scheduler.mode=FAIR (the submitter sets it) the ranking, which the home page
      // shows, never waits behind the windowed counts' heavier stateful batches.
      spark.sparkContext().setLocalProperty("spark.scheduler.pool", "ranking");
      ranking =
          parsed
              .writeStream()
              .queryName("loan-ranking")
              .option("checkpointLocation", checkpoints.resolve("ranking").toString())
              .trigger(Trigger.ProcessingTime(settings.triggerInterval()))
              .foreachBatch(rankingSink)
              .start();
      spark.sparkContext().setLocalProperty("spark.scheduler.pool", "windows");
      StreamingQuery windows =
          LoanEventTransforms.windowedLoanCounts(
                  LoanEventTransforms.validEvents(parsed), settings.windows())
              .writeStream()
              .queryName("loan-windows")
              .outputMode(OutputMode.Update())
              .option("checkpointLocation", checkpoints.resolve("windows").toString())
              .trigger(Trigger.ProcessingTime(settings.windowsTriggerInterval()))
              .foreachBatch(new WindowCountsSink(lake, settings.windows().lengthMinutes()))
              .start();
      spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
      return new RankingStream(spark, cassandra, deadLetters, rankingSink, ranking, windows);
    } catch (RuntimeException | TimeoutException e) {
      if (ranking != null) {
        ranking.stop();
      }
      if (rankingSink != null) {
        rankingSink.close();
      }
      if (deadLetters != null) {
        deadLetters.close();
      }
      cassandra.close();
      throw e;
    }
  }

  private static Dataset<Row> loans(SparkSession spark, RankingStreamSettings settings) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.kafkaBootstrapServers())
        .option("subscribe", Topics.LOANS)
        .option("startingOffsets", "earliest")
        .option("failOnDataLoss", "false")
        // Spark keeps a Kafka consumer per partition between batches, and each read leaves a fetch
        // parked at the broker, which holds it up to fetch.max.wait.ms (500 ms by default) while
        // the
        // partition gets nothing new; the next batch's read waits for it. That was the per-batch
        // floor of every loan's way to the ranking. Consumers fetch only inside a batch, so an idle
        // stream does not poll more for it.
        .option("kafka.fetch.max.wait.ms", "10")
        .option("maxOffsetsPerTrigger", Integer.toString(settings.maxEventsPerBatch()))
        .load();
  }

  /** Blocks until either query ends; rethrows its failure. */
  public void awaitTermination() throws StreamingQueryException {
    spark.streams().awaitAnyTermination();
    for (StreamingQuery query : new StreamingQuery[] {ranking, windows}) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    }
  }

  /** The all-time ranking query (for progress and tests). */
  public StreamingQuery rankingQuery() {
    return ranking;
  }

  /** The windowed-counts query (for progress and tests). */
  public StreamingQuery windowsQuery() {
    return windows;
  }

  @Override
  public void close() throws TimeoutException {
    try {
      ranking.stop();
      windows.stop();
    } finally {
      rankingSink.close();
      deadLetters.close();
      cassandra.close();
    }
  }
}
