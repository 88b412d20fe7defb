package io.legerible.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local platform scripts and the operator share one configuration contract: every LEGERIBLE_*
 * variable the scripts hand to a process is defined in {@link PlatformEnvironment}; the scripts'
 * own knobs are listed in PLATFORM_KNOBS (dev/lib/platform.sh) and never handed on.
 */
class PlatformScriptsContractTest {

  private static final Pattern VARIABLE = Pattern.compile("LEGERIBLE_[A-Z0-9_]+");
  private static final Pattern EXPORT = Pattern.compile("^\\s*export\\s+(LEGERIBLE_[A-Z0-9_]+)=");
  private static final List<String> SCRIPTS =
      List.of("dev/up", "dev/down", "dev/status", "dev/lib/platform.sh");

  private final Path root = ProjectLayout.root();

  @Test
  void everyVariableIsInTheContractOrAKnob() throws IOException {
    Set<String> contract = PlatformEnvironment.names();
    Set<String> knobs = knobs();
    Set<String> unknown = new TreeSet<>();
    for (String script : SCRIPTS) {
      Matcher matcher = VARIABLE.matcher(Files.readString(root.resolve(script)));
      while (matcher.find()) {
        if (!contract.contains(matcher.group()) && !knobs.contains(matcher.group())) {
          unknown.add(matcher.group());
        }
      }
    }
    assertThat(unknown)
        .as(
            "variables in %s that neither io.legerible.contracts.PlatformEnvironment defines nor"
                + " PLATFORM_KNOBS in dev/lib/platform.sh lists",
            SCRIPTS)
        .isEmpty();
  }

  @Test
  void whatDevUpExportsToTheProcessesIsTheContract() throws IOException {
    Set<String> contract = PlatformEnvironment.names();
    List<String> exported =
        Files.readAllLines(root.resolve("dev/up")).stream()
            .map(EXPORT::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .toList();
    assertThat(exported)
        .as("dev/up exports the connection settings")
        .contains(
            PlatformEnvironment.POSTGRES_URL,
            PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS,
            PlatformEnvironment.CASSANDRA_CONTACT_POINTS,
            PlatformEnvironment.MEMCACHED_SERVERS);
    assertThat(contract).as("variables dev/up exports to the processes").containsAll(exported);
  }

  @Test
  void knobsAndContractAreDistinct() throws IOException {
    Set<String> knobs = knobs();
    assertThat(knobs).contains("LEGERIBLE_DATA", "LEGERIBLE_SKIP_BUILD", "LEGERIBLE_WEBAPP_PORT");
    assertThat(knobs).doesNotContainAnyElementsOf(PlatformEnvironment.names());
  }

  /** The names in the PLATFORM_KNOBS=( ... ) array of dev/lib/platform.sh, comments removed. */
  private Set<String> knobs() throws IOException {
    String text = Files.readString(root.resolve("dev/lib/platform.sh"));
    int start = text.indexOf("PLATFORM_KNOBS=(");
    assertThat(start).as("PLATFORM_KNOBS=( in dev/lib/platform.sh").isNotNegative();
    int end = text.indexOf("\n)", start);
    Set<String> knobs = new TreeSet<>();
    for (String line : text.substring(start, end).split("\n")) {
      Matcher matcher = VARIABLE.matcher(line.replaceAll("#.*", ""));
      while (matcher.find()) {
        knobs.add(matcher.group());
      }
    }
    return knobs;
  }
}
