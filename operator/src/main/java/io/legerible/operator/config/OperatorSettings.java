package io.legerible.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the operator runs, from its environment: which namespaces it watches, where it serves health
 * and metrics, whether and where it elects a leader, and how often it probes each library's data
 * path (zero: never).
 */
public record OperatorSettings(
    Set<String> namespaces,
    int httpPort,
    boolean leaderElection,
    String leaseNamespace,
    Duration dataPathInterval) {

  /** Comma-separated namespaces to watch; empty or unset watches all namespaces. */
  public static final String NAMESPACES_ENV = "LEGERIBLE_WATCH_NAMESPACES";

  /** Port of /healthz, /readyz and /metrics (default 8080). */
  public static final String HTTP_PORT_ENV = "LEGERIBLE_OPERATOR_HTTP_PORT";

  /** "false" turns leader election off (default on). */
  public static final String LEADER_ELECTION_ENV = "LEGERIBLE_LEADER_ELECTION";

  /** Namespace of the leader-election Lease; defaults to the operator's own (POD_NAMESPACE). */
  public static final String LEASE_NAMESPACE_ENV = "LEGERIBLE_LEASE_NAMESPACE";

  /**
   * Seconds within which a broken data path is reported (default 30); 0 turns the probes off, for
   * an operator that runs outside the cluster's network.
   */
  public static final String DATA_PATH_INTERVAL_ENV = "LEGERIBLE_DATA_PATH_INTERVAL_SECONDS";

  /** Name of the leader-election Lease. */
  public static final String LEASE_NAME = "legerible-operator-leader";

  /** Settings from {@code environment}. */
  public static OperatorSettings from(Map<String, String> environment) {
    String namespaces = environment.getOrDefault(NAMESPACES_ENV, "");
    Set<String> watched =
        Arrays.stream(namespaces.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    int port = number(environment, HTTP_PORT_ENV, "8080", "a port number");
    int dataPathSeconds = number(environment, DATA_PATH_INTERVAL_ENV, "30", "a number of seconds");
    if (dataPathSeconds != 0 && dataPathSeconds < 3) {
      throw new IllegalArgumentException(
          DATA_PATH_INTERVAL_ENV + " must be 0 (off) or at least 3, not " + dataPathSeconds);
    }
    boolean election =
        !"false".equalsIgnoreCase(environment.getOrDefault(LEADER_ELECTION_ENV, "true"));
    String leaseNamespace =
        environment.getOrDefault(LEASE_NAMESPACE_ENV, environment.get("POD_NAMESPACE"));
    return new OperatorSettings(
        watched, port, election, leaseNamespace, Duration.ofSeconds(dataPathSeconds));
  }

  private static int number(
      Map<String, String> environment, String name, String fallback, String what) {
    try {
      return Integer.parseInt(environment.getOrDefault(name, fallback).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be " + what + ", not '" + environment.get(name) + "'", e);
    }
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }
}
