package io.legerible.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command (psql, kill, kubectl…) to completion and collects its output. */
public final class ExternalCommand {

  /** Exit status and the combined stdout/stderr of a finished command. */
  public record Result(List<String> command, int exitCode, String output) {

    /** Whether the command exited with 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** This result, or an exception naming the command, its status and its output. */
    public Result orThrow() {
      if (!succeeded()) {
        throw new IllegalStateException(
            "Command failed with exit code "
                + exitCode
                + ": "
                + String.join(" ", command)
                + System.lineSeparator()
                + output);
      }
      return this;
    }
  }

  private ExternalCommand() {}

  /** Runs {@code command}; kills it and throws when it takes longer than {@code timeout}. */
  public static Result run(Duration timeout, List<String> command) {
    return run(timeout, Map.of(), command);
  }

  /** Runs {@code command} with extra environment variables. */
  public static Result run(
      Duration timeout, Map<String, String> environment, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Command did not finish within " + timeout.toSeconds() + " s: " + command);
      }
      return new Result(command, process.exitValue(), output.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read the output of " + command, e.getCause());
    }
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
