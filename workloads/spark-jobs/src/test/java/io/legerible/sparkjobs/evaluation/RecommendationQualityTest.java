package io.legerible.sparkjobs.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.sparkjobs.LocalSpark;
import io.legerible.sparkjobs.recommendations.RecommenderSettings;
import io.legerible.testkit.ProjectLayout;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class RecommendationQualityTest {

  @Test
  void recommenderHitsHeldOutLoansAtLeastTwiceAsOftenAsPopularity() {
    SparkSession spark = LocalSpark.session();
    Dataset<Row> books =
        GoodbooksCatalogue.read(
                spark, ProjectLayout.root().resolve(GoodbooksCatalogue.PROJECT_PATH), 1000)
            .cache();
    List<LoanHistoryGenerator.Book> catalogue = GoodbooksCatalogue.forGenerator(books);
    LoanHistoryGenerator.History history =
        LoanHistoryGenerator.generate(catalogue, 2000, 20_000, 40, 42);

    HitRateEvaluation.Result result =
        HitRateEvaluation.evaluate(spark, books, history, RecommenderSettings.defaults());

    System.out.printf(
        "hit rate@4: recommender %.3f, popularity %.3f, lift %.2fx over %d members (%d ms)%n",
        result.model(), result.baseline(), result.lift(), result.evaluated(), result.modelMillis());
    assertThat(result.evaluated()).isGreaterThan(1500);
    assertThat(result.baseline()).isGreaterThan(0);
    assertThat(result.lift()).isGreaterThanOrEqualTo(2.0);
  }
}
