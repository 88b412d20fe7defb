package io.legerible.testkit.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The last lines of a cluster's component logs, for the message of a failure. */
final class ComponentLogs {

  private ComponentLogs() {}

  /** The last {@code lines} lines of every file in {@code logs}, each under a header. */
  static String tails(Path logs, int lines) {
    if (!Files.isDirectory(logs)) {
      return "";
    }
    StringBuilder tails = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path log : files.sorted().collect(Collectors.toList())) {
        List<String> all = Files.readAllLines(log);
        tails.append("--- last lines of ").append(log).append(System.lineSeparator());
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(line -> tails.append(line).append(System.lineSeparator()));
      }
    } catch (IOException | UncheckedIOException e) {
      tails.append("(cannot read the logs in ").append(logs).append(": ").append(e).append(')');
      tails.append(System.lineSeparator());
    }
    return tails.toString();
  }
}
