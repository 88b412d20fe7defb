package io.legerible.testkit.kubernetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code kubectl port-forward} to a pod or Service, on a local port kubectl picked; as a
 * user would reach a website the README tells them to port-forward to. Closing it stops kubectl.
 */
public final class PortForward implements AutoCloseable {

  // kubectl prints "Forwarding from 127.0.0.1:43127 -> 8080" once it listens.
  private static final Pattern FORWARDING =
      Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> \\d+");

  private final Process process;
  private final int localPort;

  private PortForward(Process process, int localPort) {
    this.process = process;
    this.localPort = localPort;
  }

  static PortForward start(
      List<String> command, Map<String, String> environment, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (seen) {
                    seen.append(line).append(System.lineSeparator());
                  }
                  Matcher matcher = FORWARDING.matcher(line);
                  if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("kubectl port-forward ended: " + seen));
            },
            "port-forward-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new PortForward(process, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      synchronized (seen) {
        throw new IllegalStateException(
            "kubectl port-forward did not listen within "
                + timeout.toSeconds()
                + " s: "
                + String.join(" ", command)
                + System.lineSeparator()
                + seen,
            e);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting port-forward", e);
    }
  }

  /** The local port that forwards to the remote one. */
  public int localPort() {
    return localPort;
  }

  /** Whether kubectl still forwards (it ends when the pod it forwards to goes away). */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "PortForward[127.0.0.1:" + localPort + "]";
  }
}
