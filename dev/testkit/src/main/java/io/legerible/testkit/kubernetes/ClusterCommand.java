package io.legerible.testkit.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs kubectl, helm or kwokctl against one cluster, keeping stdout and stderr apart. */
final class ClusterCommand {

  private final Map<String, String> environment;

  ClusterCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment the commands run with (kubeconfig, private home). */
  Map<String, String> environment() {
    return environment;
  }

  /** Runs {@code command} with {@code input} on stdin; returns stdout, throws with stderr. */
  String run(Duration timeout, String input, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    }
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Command did not finish within "
                + timeout.toSeconds()
                + " s: "
                + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Command failed with exit code "
                + process.exitValue()
                + ": "
                + String.join(" ", command)
                + System.lineSeparator()
                + stderr.get()
                + stdout.get());
      }
      return stdout.get();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("Cannot write to " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read the output of " + String.join(" ", command), e.getCause());
    }
  }

  /** Reads a stream on its own thread: blocking reads must not occupy the common pool. */
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                result.complete(read(in));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "cluster-command-output");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
