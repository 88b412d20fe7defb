package io.legerible.sparkjobs;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session per test JVM, bound to loopback, without the web UI. */
public final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("legerible-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
    }
    return session;
  }
}
