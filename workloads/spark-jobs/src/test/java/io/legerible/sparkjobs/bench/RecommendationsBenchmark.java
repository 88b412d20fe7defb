package io.legerible.sparkjobs.bench;

import io.legerible.sparkjobs.evaluation.GoodbooksCatalogue;
import io.legerible.sparkjobs.evaluation.HitRateEvaluation;
import io.legerible.sparkjobs.evaluation.LoanHistoryGenerator;
import io.legerible.sparkjobs.recommendations.RecommenderSettings;
import io.legerible.testkit.ProjectLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the recommendations computation at catalogue scale and on a 10× smaller input in the
 * same run (how cost grows), with the hit rate at 4 of both against the popularity baseline.
 * Figures for reading, never a gate. Arguments: {@code members loans}.
 */
public final class RecommendationsBenchmark {

  private static final int TASTE_GROUPS = 200;
  private static final long SEED = 7;

  private RecommendationsBenchmark() {}

  /** Runs the measurement and prints the figures. */
  public static void main(String[] args) {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int loans = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    String loadAtStart = BenchmarkSpark.loadAverage();
    SparkSession spark = BenchmarkSpark.session("legerible-recommendations-benchmark");
    Dataset<Row> books =
        GoodbooksCatalogue.read(
                spark, ProjectLayout.root().resolve(GoodbooksCatalogue.PROJECT_PATH), 10_000)
            .cache();
    List<LoanHistoryGenerator.Book> catalogue = GoodbooksCatalogue.forGenerator(books);
    int referenceMembers = Math.max(1, members / 10);
    int referenceLoans = Math.max(1, loans / 10);
    // A first pass on the smaller input warms the JVM and Spark's code generation, not counted.
    measure(spark, books, catalogue, referenceMembers, referenceLoans);
    Measurement reference = measure(spark, books, catalogue, referenceMembers, referenceLoans);
    Measurement full = measure(spark, books, catalogue, members, loans);
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            "recommendations: %d books, %d members, %d training loans: computed in %.1f s"
                + " (load average %s; aim <= 30 s at 500k loans, <= 300 s at 5M)",
            catalogue.size(), members, full.trainingLoans(), full.seconds(), full.load()));
    report.add(full.hitRates());
    report.add(
        String.format(
            "recommendations reference (10x smaller): %d members, %d training loans: computed in"
                + " %.1f s (load average %s)",
            reference.members(), reference.trainingLoans(), reference.seconds(), reference.load()));
    report.add("reference " + reference.hitRates());
    report.add(
        String.format(
            "recommendations growth: %.1fx the time for %.1fx the training loans",
            full.seconds() / reference.seconds(),
            (double) full.trainingLoans() / reference.trainingLoans()));
    BenchmarkSpark.print("Recommendations benchmark", loadAtStart, report);
    spark.stop();
    System.exit(0);
  }

  private static Measurement measure(
      SparkSession spark,
      Dataset<Row> books,
      List<LoanHistoryGenerator.Book> catalogue,
      int members,
      int loans) {
    LoanHistoryGenerator.History history =
        LoanHistoryGenerator.generate(catalogue, members, loans, TASTE_GROUPS, SEED);
    String load = BenchmarkSpark.loadAverage();
    HitRateEvaluation.Result result =
        HitRateEvaluation.evaluate(spark, books, history, RecommenderSettings.defaults());
    return new Measurement(members, history.loans().size(), load, result);
  }

  /** One size's figures. */
  private record Measurement(
      int members, int trainingLoans, String load, HitRateEvaluation.Result result) {

    double seconds() {
      return result.modelMillis() / 1000.0;
    }

    String hitRates() {
      String lift =
          result.baseline() == 0
              ? "lift n/a (popularity hit none)"
              : String.format("lift %.2fx", result.lift());
      return String.format(
          "hit rate@4 on %d held-out loans: recommender %.3f, popularity %.3f, %s (aim >= 2x)",
          result.evaluated(), result.model(), result.baseline(), lift);
    }
  }
}
