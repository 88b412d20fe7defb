package io.legerible.operator.chart;

import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.kubernetes.KubernetesBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The helm binary dev/setup-kubernetes builds, for commands that need no cluster ({@code lint},
 * {@code template}), with its cache and configuration in a private temporary home.
 */
public final class HelmCli {

  /** The chart under test. */
  static final Path CHART = ProjectLayout.root().resolve("helm").resolve("legerible");

  private HelmCli() {}

  /** What helm printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {

    /** stdout, or an exception carrying stderr when helm failed. */
    String orThrow() {
      if (exitCode != 0) {
        throw new IllegalStateException("helm failed with exit code " + exitCode + ":\n" + stderr);
      }
      return stdout;
    }
  }

  /** Runs {@code helm args...}. */
  static Result run(String... args) {
    Path helm = KubernetesBinaries.binDirectory().resolve("helm");
    if (!Files.isExecutable(helm)) {
      throw new MissingDependencyException("helm (" + helm + ")", "dev/setup-kubernetes");
    }
    List<String> command = new ArrayList<>();
    command.add(helm.toString());
    command.addAll(List.of(args));
    try {
      Path home = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "helm"));
      Path out = Files.createTempFile(home, "stdout", ".txt");
      Path err = Files.createTempFile(home, "stderr", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
      builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
      builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
      builder.environment().remove("KUBECONFIG");
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("helm did not finish within 60 s: " + command);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** {@code helm template} of the chart as release {@code legerible} in namespace {@code ops}. */
  public static RenderedChart template(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", "legerible", CHART.toString()));
    args.addAll(List.of("--namespace", "ops"));
    args.addAll(List.of(extraArgs));
    return RenderedChart.parse(run(args.toArray(String[]::new)).orThrow());
  }
}
