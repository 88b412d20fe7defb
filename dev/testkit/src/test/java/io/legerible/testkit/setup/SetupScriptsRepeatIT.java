package io.legerible.testkit.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.ExternalCommand;
import io.legerible.testkit.ProjectLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The setup scripts' checks on a provisioned machine (versions, markers, packages) exit 0 every
 * time. A pipe whose reader exits early (`| head`) kills its writer with SIGPIPE only now and then
 * (exit 141): a fresh machine once failed that way after a 12-minute build while warm runs passed,
 * so each script runs many times here.
 */
class SetupScriptsRepeatIT {

  private static final int RUNS = 25;

  @ParameterizedTest
  @ValueSource(strings = {"setup-packages", "setup-services", "setup-images", "setup-kubernetes"})
  void setupScriptSucceedsEveryTimeOnAProvisionedMachine(String script) {
    List<String> command = List.of(ProjectLayout.devPath(script).toString());
    for (int run = 1; run <= RUNS; run++) {
      ExternalCommand.Result result = ExternalCommand.run(Duration.ofMinutes(2), command);
      assertThat(result.exitCode())
          .as("run %d of dev/%s, output:%n%s", run, script, result.output())
          .isZero();
    }
  }
}
