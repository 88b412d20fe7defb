package io.legerible.testkit;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server running in the foreground as a child process (usually a dev/services start script that
 * execs the server): started, awaited until a readiness check passes, stopped with a signal and
 * restartable with the same command. Its stdout and stderr are appended to a log file whose last
 * lines go into every failure message.
 */
public final class ServerProcess {

  /** The exit status dev/services scripts use for "a binary or jar is missing". */
  public static final int MISSING_DEPENDENCY_STATUS = 3;

  private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());
  private static final int TAIL_LINES = 40;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /** The signal that asks the server for a clean, quick shutdown. */
  public enum StopSignal {
    /** SIGTERM (what {@link Process#destroy()} sends). */
    TERM,
    /** SIGINT: PostgreSQL's "fast" shutdown (SIGTERM would wait for clients to disconnect). */
    INT
  }

  /** Tells whether the server is ready; an exception counts as "not yet". */
  @FunctionalInterface
  public interface ReadinessCheck {
    /** Whether the server is ready now. */
    boolean isReady() throws Exception;
  }

  private final String name;
  private final List<String> command;
  private final Path logFile;
  private final StopSignal stopSignal;
  private final Duration stopGracePeriod;
  private Process process;
  private long logOffset;

  /**
   * A server called {@code name} (for messages) launched with {@code command}, logging to {@code
   * logFile}, stopped with {@code stopSignal} and killed if still alive after {@code
   * stopGracePeriod}.
   */
  public ServerProcess(
      String name,
      List<String> command,
      Path logFile,
      StopSignal stopSignal,
      Duration stopGracePeriod) {
    this.name = name;
    this.command = List.copyOf(command);
    this.logFile = logFile;
    this.stopSignal = stopSignal;
    this.stopGracePeriod = stopGracePeriod;
  }

  /**
   * Launches the command and waits until {@code readiness} passes. Throws {@link
   * MissingDependencyException} when the script reports a missing binary, and an {@link
   * IllegalStateException} with the log's last lines when the process exits or is not ready within
   * {@code timeout} (the process is then stopped).
   */
  public synchronized void start(Duration timeout, ReadinessCheck readiness) {
    if (isAlive()) {
      return;
    }
    try {
      Files.createDirectories(logFile.getParent());
      logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .redirectInput(Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
    }
    awaitReady(timeout, readiness);
  }

  private void awaitReady(Duration timeout, ReadinessCheck readiness) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Exception lastFailure = null;
    while (true) {
      if (!process.isAlive()) {
        int status = process.exitValue();
        if (status == MISSING_DEPENDENCY_STATUS) {
          throw new MissingDependencyException(missingDependencyMessage());
        }
        throw new IllegalStateException(
            name + " exited with status " + status + " while starting" + describe());
      }
      try {
        if (readiness.isReady()) {
          LOG.log(
              System.Logger.Level.INFO,
              "{0} ready in {1} ms (pid {2}, log {3})",
              name,
              Long.toString((System.nanoTime() - started) / 1_000_000),
              Long.toString(process.pid()),
              logFile);
          return;
        }
        lastFailure = null;
      } catch (Exception e) {
        lastFailure = e;
      }
      if (System.nanoTime() > deadline) {
        String reason = lastFailure == null ? "" : " (last readiness check: " + lastFailure + ")";
        stop();
        throw new IllegalStateException(
            name + " was not ready within " + timeout.toSeconds() + " s" + reason + describe());
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
  }

  /** Whether the process is running. */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The process id of the running server. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  /**
   * Sends the stop signal, waits up to the grace period, then kills the process and anything it
   * left behind. Does nothing when the process is not running.
   */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
    if (stopSignal == StopSignal.INT) {
      ExternalCommand.run(
          Duration.ofSeconds(10), List.of("kill", "-INT", Long.toString(process.pid())));
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(stopGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether the log written since the last start contains {@code text}. */
  public boolean logContains(String text) {
    return logSinceStart().contains(text);
  }

  /** The log file the process's output is appended to. */
  public Path logFile() {
    return logFile;
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    String log = readLog(0);
    List<String> all = log.lines().toList();
    return String.join(
        System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private String logSinceStart() {
    return readLog(logOffset);
  }

  private String readLog(long from) {
    if (!Files.exists(logFile)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      if (from >= length) {
        return "";
      }
      byte[] bytes = new byte[(int) Math.min(length - from, 8 * 1024 * 1024)];
      file.seek(length - bytes.length);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + logFile, e);
    }
  }

  private String missingDependencyMessage() {
    return logSinceStart()
        .lines()
        .filter(line -> line.startsWith("MISSING: "))
        .map(line -> line.substring("MISSING: ".length()))
        .reduce((first, second) -> second)
        .orElse(name + " is missing a binary or jar" + describe());
  }

  private String describe() {
    return System.lineSeparator()
        + "Command: "
        + String.join(" ", command)
        + System.lineSeparator()
        + "Last lines of "
        + logFile
        + ":"
        + System.lineSeparator()
        + logTail(TAIL_LINES);
  }

  @Override
  public String toString() {
    return name + " (" + logFile + ")";
  }
}
