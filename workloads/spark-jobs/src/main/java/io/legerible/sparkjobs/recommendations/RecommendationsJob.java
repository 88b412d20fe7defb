package io.legerible.sparkjobs.recommendations;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.PostgresTables;
import io.legerible.sparkjobs.platform.CassandraSettings;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.sparkjobs.platform.PostgresSettings;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the recommendations batch: loans and books from PostgreSQL → 4 recommendations per
 * member → PostgreSQL (replacing each member's rows) and the Cassandra history.
 */
public final class RecommendationsJob {

  private static final Logger LOG = LoggerFactory.getLogger(RecommendationsJob.class);

  /** What one run produced. */
  public record Summary(long members, long recommendations, Instant generatedAt) {}

  private RecommendationsJob() {}

  /** Arguments: {@code --name=value} overrides of the platform environment. */
  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.from(System.getenv(), args);
    PostgresSettings postgres = PostgresSettings.from(settings);
    CassandraSettings cassandra = CassandraSettings.from(settings);
    RecommenderSettings recommender = RecommenderSettings.from(settings);
    SparkSession spark = SparkSession.builder().appName("legerible-recommendations").getOrCreate();
    try {
      Summary summary = run(spark, postgres, cassandra, recommender);
      LOG.info(
          "Recommendations written for {} member(s), {} row(s), generated at {}",
          summary.members(),
          summary.recommendations(),
          summary.generatedAt());
    } finally {
      spark.stop();
    }
  }

  /** Reads, recommends and writes; returns what it wrote. */
  public static Summary run(
      SparkSession spark,
      PostgresSettings postgres,
      CassandraSettings cassandra,
      RecommenderSettings settings)
      throws Exception {
    Instant generatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Dataset<Row> books =
        read(spark, postgres, "SELECT id, title, authors, language FROM " + PostgresTables.BOOKS);
    Dataset<Row> loans =
        read(spark, postgres, "SELECT member_id, book_id, loaned_at FROM " + PostgresTables.LOANS);
    Dataset<Row> members = read(spark, postgres, "SELECT id FROM members");
    Dataset<Row> memberBooks = Recommender.memberBooks(loans, settings.maxLoansPerMember()).cache();
    Dataset<Row> neighbours = Recommender.blendedNeighbours(memberBooks, books, settings);
    List<Row> recommendations =
        Recommender.recommend(members, books, memberBooks, neighbours, settings.maxLoansPerMember())
            .collectAsList();
    List<Long> memberIds = members.collectAsList().stream().map(row -> row.getLong(0)).toList();
    try (Connection connection = postgres.connect()) {
      RecommendationRepository.replace(connection, memberIds, recommendations, generatedAt);
    }
    try (CqlSession session = cassandra.connect()) {
      cassandra.applySchema(session);
      new RecommendationHistoryWriter(session, cassandra.keyspace())
          .append(recommendations, generatedAt);
    }
    memberBooks.unpersist();
    return new Summary(memberIds.size(), recommendations.size(), generatedAt);
  }

  private static Dataset<Row> read(SparkSession spark, PostgresSettings postgres, String query) {
    return spark
        .read()
        .format("jdbc")
        .option("url", postgres.jdbcUrl())
        .option("query", query)
        .option("user", postgres.user())
        .option("password", postgres.password())
        .option("driver", "org.postgresql.Driver")
        .option("fetchsize", "10000")
        .load();
  }
}
