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
 * Measures the recommendations computation at catalogue scale and its hit rate at 4 against the
 * popularity baseline. Figures for reading, never a gate. Arguments: {@code members loans}.
 */
public final class RecommendationsBenchmark {

  private RecommendationsBenchmark() {}

  /** Runs the measurement and prints the figures. */
  public static void main(String[] args) {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int loans = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    String loadAtStart = BenchmarkSpark.loadAverage();
    SparkSession spark = BenchmarkSpark.session("legerible-recommendations-benchmark");
    List<String> report = new ArrayList<>();
    Dataset<Row> books =
        GoodbooksCatalogue.read(
                spark, ProjectLayout.root().resolve(GoodbooksCatalogue.PROJECT_PATH), 10_000)
            .cache();
    List<LoanHistoryGenerator.Book> catalogue =
        books.collectAsList().stream()
            .map(
                row ->
                    new LoanHistoryGenerator.Book(
                        row.getLong(0), row.getString(2).split(",")[0].strip(), row.getLong(4)))
            .toList();
    LoanHistoryGenerator.History history =
        LoanHistoryGenerator.generate(catalogue, members, loans, 200, 7);
    HitRateEvaluation.Result result =
        HitRateEvaluation.evaluate(spark, books, history, RecommenderSettings.defaults());
    report.add(
        String.format(
            "recommendations: %d books, %d members, %d training loans: computed in %.1f s"
                + " (aim <= 30 s at 500k loans)",
            catalogue.size(), members, history.loans().size(), result.modelMillis() / 1000.0));
    report.add(
        String.format(
            "hit rate@4 on %d held-out loans: recommender %.3f, popularity %.3f, lift %.2fx (aim >= 2x)",
            result.evaluated(), result.model(), result.baseline(), result.lift()));
    BenchmarkSpark.print("Recommendations benchmark", loadAtStart, report);
    spark.stop();
    System.exit(0);
  }
}
