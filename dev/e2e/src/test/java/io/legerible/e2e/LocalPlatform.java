package io.legerible.e2e;

import io.legerible.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local platform as a developer runs it: {@code dev/up} and {@code dev/down} with their own
 * data directory and free loopback ports, so it never meets a developer's running platform or
 * another test. Every command's output is echoed and kept under {@code logs}.
 */
final class LocalPlatform {

  /** The port knobs of dev/up (see PLATFORM_KNOBS in dev/lib/platform.sh). */
  private static final List<String> PORT_KNOBS =
      List.of(
          "LEGERIBLE_POSTGRES_PORT",
          "LEGERIBLE_MEMCACHED_PORT",
          "LEGERIBLE_KAFKA_PORT",
          "LEGERIBLE_KAFKA_CONTROLLER_PORT",
          "LEGERIBLE_CASSANDRA_PORT",
          "LEGERIBLE_CASSANDRA_STORAGE_PORT",
          "LEGERIBLE_CASSANDRA_JMX_PORT",
          "LEGERIBLE_WEBAPP_PORT");

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  private final Path root;
  private final Path dataDir;
  private final Path commandLogs;
  private final Map<String, String> environment;
  private int commands;

  private LocalPlatform(
      Path root, Path dataDir, Path commandLogs, Map<String, String> environment) {
    this.root = root;
    this.dataDir = dataDir;
    this.commandLogs = commandLogs;
    this.environment = environment;
  }

  /**
   * A platform keeping its data in {@code dataDir} on free ports; {@code settings} are further
   * variables for dev/up (contract overrides and knobs).
   */
  static LocalPlatform onFreePorts(
      Path root, Path dataDir, Path commandLogs, Map<String, String> settings) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("LEGERIBLE_DATA", dataDir.toString());
    environment.put("LEGERIBLE_SKIP_BUILD", "1");
    for (String knob : PORT_KNOBS) {
      environment.put(knob, Integer.toString(FreePorts.next()));
    }
    environment.putAll(settings);
    return new LocalPlatform(root, dataDir, commandLogs, environment);
  }

  /** Runs dev/up until the platform is ready; returns how long it took. */
  Duration up() {
    return run(List.of("dev/up"), UP_TIMEOUT, "dev/up");
  }

  /** Runs dev/down; returns how long it took. */
  Duration down() {
    return run(List.of("dev/down"), DOWN_TIMEOUT, "dev/down");
  }

  /**
   * Runs one Spark job once, the way dev/up's schedule does: the submitter from the jars dev/up
   * runs (run/app) with the platform's environment (the contract dev/up wrote to run/platform.env).
   */
  Duration runJob(String job) {
    String script =
        "set -a; source \"$1/platform.env\"; set +a; exec \"$2\" -Xmx96m -cp \"$1/app/submitter-lib/*\""
            + " io.legerible.sparksubmitter.SubmitCommand \"$3\" --conf spark.driver.memory=768m"
            + " --conf spark.ui.enabled=false";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return run(
        List.of("bash", "-c", script, "submit", dataDir.resolve("run").toString(), java, job),
        JOB_TIMEOUT,
        job);
  }

  /** The website's base URL. */
  URI website() {
    return URI.create("http://127.0.0.1:" + environment.get("LEGERIBLE_WEBAPP_PORT") + "/");
  }

  /** The demo members' password dev/up generated and keeps with the data. */
  String demoPassword() {
    try {
      return Files.readString(dataDir.resolve("secrets/demo-member-password")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The log of one platform process. */
  Path log(String process) {
    return dataDir.resolve("logs").resolve(process + ".log");
  }

  /**
   * Resident memory of every process dev/up recorded and all their descendants, in KiB (the sum of
   * VmRSS: shared pages count once per process).
   */
  long residentKibibytes() {
    long total = 0;
    try (Stream<Path> pidFiles = Files.list(dataDir.resolve("run"))) {
      for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).toList()) {
        long pid = Long.parseLong(Files.readString(pidFile).strip().split("\\s+")[0]);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
          continue;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.get().descendants().toList());
        tree.add(process.get());
        for (ProcessHandle each : tree) {
          total += residentKibibytes(each.pid());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }

  private static long residentKibibytes(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(0L);
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private Duration run(List<String> command, Duration timeout, String label) {
    Path logFile =
        commandLogs.resolve(String.format("%02d-%s.log", ++commands, label.replace('/', '-')));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("LEGERIBLE_") && !name.equals("LEGERIBLE_TOOLS"));
    env.putAll(environment);
    long start = System.nanoTime();
    Deque<String> tail = new ArrayDeque<>();
    try {
      Files.createDirectories(commandLogs);
      Process process = builder.start();
      Thread pump = new Thread(() -> pump(process, logFile, tail, label), "output of " + label);
      pump.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        throw new AssertionError(
            label + " did not finish within " + timeout + "; its output: " + logFile);
      }
      pump.join(5000);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (process.exitValue() != 0) {
        String lastLines;
        synchronized (tail) {
          lastLines = String.join("\n", tail);
        }
        throw new AssertionError(
            label
                + " failed with status "
                + process.exitValue()
                + "; last lines (all in "
                + logFile
                + "):\n"
                + lastLines);
      }
      return took;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(label + " was interrupted", e);
    }
  }

  private static void pump(Process process, Path logFile, Deque<String> tail, String label) {
    PrintStream out = System.out;
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, "UTF-8")) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.println(line);
        out.println("[" + label + "] " + line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 40) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      out.println("[" + label + "] output lost: " + e.getMessage());
    }
  }
}
