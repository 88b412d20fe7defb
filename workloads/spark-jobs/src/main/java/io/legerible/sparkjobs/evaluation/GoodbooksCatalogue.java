package io.legerible.sparkjobs.evaluation;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** The goodbooks-10k book list the website and the feed ship, read with Spark's CSV reader. */
public final class GoodbooksCatalogue {

  /** Where the shared catalogue module keeps the file, relative to the project root. */
  public static final String PROJECT_PATH =
      "workloads/catalogue/src/main/resources/catalogue/goodbooks-10k/books.csv";

  private GoodbooksCatalogue() {}

  /**
   * The first {@code limit} books of {@code csv} as (id, title, authors, language, ratings_count);
   * the file is ordered by popularity, so the first books are the most rated.
   */
  public static Dataset<Row> read(SparkSession spark, Path csv, int limit) {
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException(
          "The goodbooks-10k catalogue is missing at "
              + csv
              + "; it ships with the catalogue module at "
              + PROJECT_PATH);
    }
    return spark
        .read()
        .option("header", "true")
        .option("multiLine", "true")
        .option("quote", "\"")
        .option("escape", "\"")
        .csv(csv.toString())
        .select(
            col("book_id").cast(DataTypes.LongType).as("id"),
            col("title"),
            col("authors"),
            col("language_code").as("language"),
            col("ratings_count").cast(DataTypes.LongType).as("ratings_count"))
        .filter(col("id").isNotNull().and(col("ratings_count").isNotNull()))
        .orderBy("id")
        .limit(limit);
  }

  /** The books of {@link #read} as the loan generator takes them: id, first author, popularity. */
  public static List<LoanHistoryGenerator.Book> forGenerator(Dataset<Row> books) {
    return books.collectAsList().stream()
        .map(
            row ->
                new LoanHistoryGenerator.Book(
                    row.getLong(0), row.getString(2).split(",")[0].strip(), row.getLong(4)))
        .toList();
  }
}
