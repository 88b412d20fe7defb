package io.legerible.operator.bench;

import java.util.List;

/** The JVM options the operator runs with in its pod. */
final class OperatorJvm {

  private OperatorJvm() {}

  static List<String> options() {
    return List.of(
        "-Xmx128m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xss256k",
        "-XX:ReservedCodeCacheSize=24m");
  }
}
