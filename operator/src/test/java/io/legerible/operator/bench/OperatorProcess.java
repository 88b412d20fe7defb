package io.legerible.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operator in a JVM of its own, as in its pod, and what it costs the machine. */
final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the operator on {@code classpath} against the cluster of {@code kubeconfig}. */
  static OperatorProcess start(String classpath, List<String> jvmOptions, Path kubeconfig)
      throws IOException {
    Path log = Files.createTempFile("legerible-operator-bench", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, "io.legerible.operator.LegeribleOperator"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("LEGERIBLE_LEADER_ELECTION", "false");
    builder.environment().put("LEGERIBLE_OPERATOR_HTTP_PORT", "0");
    return new OperatorProcess(builder.start(), log);
  }

  /** Where the operator logs. */
  Path log() {
    return log;
  }

  /** User plus system CPU seconds so far, from /proc/PID/stat (clock ticks of 1/100 s). */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Resident memory in MiB, from /proc/PID/status. */
  long residentMebibytes() throws IOException {
    requireAlive();
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + process.pid());
  }

  /** Fails with the log's place when the operator has exited (e.g. out of memory). */
  void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the operator exited with " + process.exitValue() + ", see its log " + log);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
