package io.legerible.sparkjobs.evaluation;

import io.legerible.sparkjobs.recommendations.Recommender;
import io.legerible.sparkjobs.recommendations.RecommenderSettings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Hit rate at 4 on held-out loans: the share of members whose held-out book is among their 4
 * recommendations, for the recommender and for the popularity baseline (the 4 most loaned books the
 * member has not loaned).
 */
public final class HitRateEvaluation {

  private static final StructType LOANS =
      new StructType()
          .add("member_id", DataTypes.LongType)
          .add("book_id", DataTypes.LongType)
          .add("loaned_at", DataTypes.TimestampType);

  private static final StructType MEMBERS = new StructType().add("id", DataTypes.LongType);

  private static final StructType NEIGHBOURS =
      new StructType()
          .add("book_id", DataTypes.LongType)
          .add("similar_id", DataTypes.LongType)
          .add("similarity", DataTypes.DoubleType);

  /** Hit rates, members evaluated and how long the recommender took. */
  public record Result(double model, double baseline, int evaluated, long modelMillis) {

    /** How many times the baseline's hit rate the recommender reaches. */
    public double lift() {
      return baseline == 0 ? Double.POSITIVE_INFINITY : model / baseline;
    }
  }

  private HitRateEvaluation() {}

  /** Trains on the history's loans and measures both hit rates on its held-out loans. */
  public static Result evaluate(
      SparkSession spark,
      Dataset<Row> books,
      LoanHistoryGenerator.History history,
      RecommenderSettings settings) {
    // The in-memory history stands for the job's database reads: built before the clock starts.
    Dataset<Row> loans = spark.createDataFrame(history.loans(), LOANS).cache();
    Dataset<Row> members = spark.createDataFrame(history.members(), MEMBERS).cache();
    loans.count();
    members.count();
    Dataset<Row> memberBooks = Recommender.memberBooks(loans, settings.maxLoansPerMember()).cache();
    long started = System.nanoTime();
    Dataset<Row> neighbours = Recommender.blendedNeighbours(memberBooks, books, settings);
    List<Row> model =
        Recommender.recommend(members, books, memberBooks, neighbours, settings.maxLoansPerMember())
            .collectAsList();
    long modelMillis = (System.nanoTime() - started) / 1_000_000;
    List<Row> baseline =
        Recommender.recommend(
                members,
                books,
                memberBooks,
                spark.createDataFrame(List.of(), NEIGHBOURS),
                settings.maxLoansPerMember())
            .collectAsList();
    memberBooks.unpersist();
    loans.unpersist();
    members.unpersist();
    Map<Long, Long> heldOut = history.heldOut();
    return new Result(
        hitRate(model, heldOut), hitRate(baseline, heldOut), heldOut.size(), modelMillis);
  }

  private static double hitRate(List<Row> recommendations, Map<Long, Long> heldOut) {
    Map<Long, Set<Long>> byMember = new HashMap<>();
    for (Row row : recommendations) {
      byMember.computeIfAbsent(row.getLong(0), m -> new HashSet<>()).add(row.getLong(2));
    }
    long hits =
        heldOut.entrySet().stream()
            .filter(e -> byMember.getOrDefault(e.getKey(), Set.of()).contains(e.getValue()))
            .count();
    return heldOut.isEmpty() ? 0 : (double) hits / heldOut.size();
  }
}
