package io.legerible.sparkjobs.ranking;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.Topics;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The running loan-ranking stream: one query over {@link Topics#LOANS} with its checkpoint. Each
 * micro-batch keeps the all-time and sliding-window counts in PostgreSQL, copies the windows'
 * totals and the raw events to Cassandra and dead-letters malformed records. The windows are
 * counted in the ranking's transaction rather than by a second Spark query, so the topic is read
 * and parsed once. Close it to stop the query and release the connections.
 */
public final class RankingStream implements AutoCloseable {

  private final SparkSession spark;
  private final CqlSession cassandra;
  private final DeadLetterPublisher deadLetters;
  private final RankingBatchSink rankingSink;
  private final StreamingQuery ranking;

  private RankingStream(
      SparkSession spark,
      CqlSession cassandra,
      DeadLetterPublisher deadLetters,
      RankingBatchSink rankingSink,
      StreamingQuery ranking) {
    this.spark = spark;
    this.cassandra = cassandra;
    this.deadLetters = deadLetters;
    this.rankingSink = rankingSink;
    this.ranking = ranking;
  }

  /** Applies the data lake schema and starts the query. */
  public static RankingStream start(SparkSession spark, RankingStreamSettings settings)
      throws TimeoutException {
    CqlSession cassandra = settings.cassandra().connect();
    DeadLetterPublisher deadLetters = null;
    RankingBatchSink rankingSink = null;
    try {
      settings.cassandra().applySchema(cassandra);
      LoanLakeWriter lake = new LoanLakeWriter(cassandra, settings.cassandra().keyspace());
      deadLetters = new DeadLetterPublisher(settings.kafkaBootstrapServers());
      rankingSink =
          new RankingBatchSink(deadLetters, lake, settings.postgres(), settings.windows());
      Dataset<Row> parsed = LoanEventTransforms.parse(loans(spark, settings));
      Path checkpoints = Path.of(settings.checkpointDir());
      StreamingQuery ranking =
          parsed
              .writeStream()
              .queryName("loan-ranking")
              .option("checkpointLocation", checkpoints.resolve("ranking").toString())
              .trigger(Trigger.ProcessingTime(settings.triggerInterval()))
              .foreachBatch(rankingSink)
              .start();
      return new RankingStream(spark, cassandra, deadLetters, rankingSink, ranking);
    } catch (RuntimeException | TimeoutException e) {
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
        // the partition gets nothing new; the next batch's read waits for it. That was the
        // per-batch floor of every loan's way to the ranking. Consumers fetch only inside a batch,
        // so an idle stream does not poll more for it.
        .option("kafka.fetch.max.wait.ms", "10")
        .option("maxOffsetsPerTrigger", Integer.toString(settings.maxEventsPerBatch()))
        .load();
  }

  /** Blocks until the query ends; rethrows its failure. */
  public void awaitTermination() throws StreamingQueryException {
    ranking.awaitTermination();
  }

  /** The query (for progress and tests). */
  public StreamingQuery rankingQuery() {
    return ranking;
  }

  @Override
  public void close() throws TimeoutException {
    try {
      ranking.stop();
    } finally {
      rankingSink.close();
      deadLetters.close();
      cassandra.close();
    }
  }
}
