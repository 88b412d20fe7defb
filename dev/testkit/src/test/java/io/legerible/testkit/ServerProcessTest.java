package io.legerible.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

  @TempDir Path dir;

  @Test
  void missingDependencyStatusBecomesMissingDependencyExceptionWithTheScriptsMessage() {
    ServerProcess process =
        server("echo 'MISSING: kafka jars are missing: run dev/setup-services' >&2; exit 3");

    assertThatThrownBy(() -> process.start(Duration.ofSeconds(10), () -> false))
        .isInstanceOf(MissingDependencyException.class)
        .hasMessage("kafka jars are missing: run dev/setup-services");
  }

  @Test
  void exitWhileStartingFailsWithStatusAndLastLogLines() {
    ServerProcess process = server("echo 'FATAL: bad configuration'; exit 7");

    assertThatThrownBy(() -> process.start(Duration.ofSeconds(10), () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with status 7")
        .hasMessageContaining("FATAL: bad configuration");
  }

  @Test
  void notReadyInTimeFailsWithTheLogAndStopsTheProcess() {
    ServerProcess process = server("echo 'still warming up'; exec sleep 60");

    assertThatThrownBy(
            () ->
                process.start(
                    Duration.ofMillis(500),
                    () -> {
                      throw new IllegalStateException("port closed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was not ready within")
        .hasMessageContaining("port closed")
        .hasMessageContaining("still warming up");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void readinessSeesOnlyTheLogOfTheCurrentRunAndRestartWorks() {
    Path marker = dir.resolve("runs");
    ServerProcess process =
        server(
            "echo run >> '"
                + marker
                + "'; echo \"started $(wc -l < '"
                + marker
                + "')\"; exec sleep 60");

    process.start(Duration.ofSeconds(10), () -> process.logContains("started 1"));
    long firstPid = process.pid();
    process.stop();
    assertThat(process.isAlive()).isFalse();

    process.start(Duration.ofSeconds(10), () -> process.logContains("started 2"));
    assertThat(process.pid()).isNotEqualTo(firstPid);
    assertThat(process.logContains("started 1")).isFalse();
    assertThat(process.logTail(10)).contains("started 1", "started 2");
    process.stop();
  }

  @Test
  void stopFallsBackToKillWhenTheSignalIsIgnored() {
    ServerProcess process =
        new ServerProcess(
            "stubborn",
            List.of("bash", "-c", "trap '' INT; echo up; while true; do sleep 0.1; done"),
            dir.resolve("stubborn.log"),
            ServerProcess.StopSignal.INT,
            Duration.ofMillis(300));
    process.start(Duration.ofSeconds(10), () -> process.logContains("up"));

    process.stop();

    assertThat(process.isAlive()).isFalse();
  }

  private ServerProcess server(String script) {
    return new ServerProcess(
        "test server",
        List.of("bash", "-c", script),
        dir.resolve("server.log"),
        ServerProcess.StopSignal.TERM,
        Duration.ofSeconds(5));
  }
}
