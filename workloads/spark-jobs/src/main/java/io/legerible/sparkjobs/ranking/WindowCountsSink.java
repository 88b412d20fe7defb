package io.legerible.sparkjobs.ranking;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Upserts the windows a micro-batch changed into Cassandra (each row holds the window's total). */
final class WindowCountsSink implements VoidFunction2<Dataset<Row>, Long> {

  private final transient LoanLakeWriter lake;
  private final int windowMinutes;

  WindowCountsSink(LoanLakeWriter lake, int windowMinutes) {
    this.lake = lake;
    this.windowMinutes = windowMinutes;
  }

  @Override
  public void call(Dataset<Row> counts, Long batchId) {
    List<LoanLakeWriter.WindowCount> changed =
        counts.collectAsList().stream()
            .map(
                row ->
                    new LoanLakeWriter.WindowCount(
                        row.<Timestamp>getAs("windowStart").toInstant(),
                        row.<Long>getAs("bookId"),
                        row.<Long>getAs("loans")))
            .toList();
    lake.writeWindows(windowMinutes, changed);
  }
}
