package io.legerible.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark under {@code dev/bench/} runs as a newcomer runs it, through its own script and
 * on tiny inputs: it builds what it needs from the sources, measures, and prints its report with
 * the reference it is compared against. The figures are not judged here, only that they come.
 */
class BenchmarksIT {

  private final Path root = ProjectLayout.root();
  private final Path logs = root.resolve("dev/e2e/target/benchmarks");

  @Test
  void theWorkloadsBenchmarkReportsTheStreamAgainstAPlainConsumerAndTheRecommendationsAtTwoSizes()
      throws Exception {
    String report =
        run(
            "workloads",
            Duration.ofMinutes(10),
            "--members",
            "500",
            "--loans",
            "5000",
            "--events",
            "3000",
            "--latency-events",
            "20");
    assertThat(report)
        .contains("=== Recommendations benchmark", "hit rate@4")
        .contains(
            "=== Stream benchmark", "stream throughput:", "stream/reference", "at steady state")
        .contains("loan -> count in PostgreSQL latency over 20 events", "stream batch phases");
  }

  @Test
  void theOperatorBenchmarkReportsTwoLibrariesAgainstOneAlone() throws Exception {
    String report = run("operator", Duration.ofMinutes(10), "--libraries", "2");
    assertThat(report).contains("=== Operator benchmark");
  }

  @Test
  void theWebsiteBenchmarkReportsEveryPageAgainstTheCatalogue() throws Exception {
    String report = run("webapp", Duration.ofMinutes(10), "--duration", "1");
    assertThat(report).contains("ratios to the catalogue page");
    for (String page : List.of("catalogue", "home", "profile", "loans", "search")) {
      assertThat(report).containsPattern("(?m)^" + page + " +\\| +[0-9]+ ");
    }
    assertThat(report).doesNotContain("see below");
  }

  /** Runs {@code dev/bench/<name>/run} with {@code arguments}; returns its output. */
  private String run(String name, Duration limit, String... arguments)
      throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    List<String> command =
        new ArrayList<>(List.of(root.resolve("dev/bench/" + name + "/run").toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    assertThat(finished)
        .as(
            "dev/bench/%s/run finished within %s; its output (%s) ends:%n%s",
            name, limit, log, tail(output))
        .isTrue();
    assertThat(process.exitValue())
        .as("exit code of dev/bench/%s/run; its output (%s) ends:%n%s", name, log, tail(output))
        .isZero();
    return output;
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
