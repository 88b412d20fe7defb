package io.legerible.sparkjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The Spark session and the report format every workloads benchmark shares. */
final class BenchmarkSpark {

  private BenchmarkSpark() {}

  /** Spark on {@code local[2]}, as the jobs run in one pod's two cores. */
  static SparkSession session(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** The 1, 5 and 15 minute load averages, to print beside figures measured under them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Prints the report block: a {@code === title ===} line with the load average at the start, then
   * one line per figure.
   */
  static void print(String title, String loadAtStart, List<String> report) {
    System.out.println();
    System.out.printf("=== %s (local[2], load average %s at the start) ===%n", title, loadAtStart);
    report.forEach(System.out::println);
  }
}
