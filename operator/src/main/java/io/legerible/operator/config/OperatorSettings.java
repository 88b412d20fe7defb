package io.legerible.operator.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the operator runs, from its environment: which namespaces it watches, where it serves health
 * and metrics, and whether and where it elects a leader.
 */
public record OperatorSettings(
    Set<String> namespaces, int httpPort, boolean leaderElection, String leaseNamespace) {

  /** Comma-separated namespaces to watch; empty or unset watches all namespaces. */
  public static final String NAMESPACES_ENV = "LEGERIBLE_WATCH_NAMESPACES";

  /** Port of /healthz, /readyz and /metrics (default 8080). */
  public static final String HTTP_PORT_ENV = "LEGERIBLE_OPERATOR_HTTP_PORT";

  /** "false" turns leader election off (default on). */
  public static final String LEADER_ELECTION_ENV = "LEGERIBLE_LEADER_ELECTION";

  /** Namespace of the leader-election Lease; defaults to the operator's own (POD_NAMESPACE). */
  public static final String LEASE_NAMESPACE_ENV = "LEGERIBLE_LEASE_NAMESPACE";

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
    int port;
    try {
      port = Integer.parseInt(environment.getOrDefault(HTTP_PORT_ENV, "8080").strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          HTTP_PORT_ENV + " must be a port number, not '" + environment.get(HTTP_PORT_ENV) + "'",
          e);
    }
    boolean election =
        !"false".equalsIgnoreCase(environment.getOrDefault(LEADER_ELECTION_ENV, "true"));
    String leaseNamespace =
        environment.getOrDefault(LEASE_NAMESPACE_ENV, environment.get("POD_NAMESPACE"));
    return new OperatorSettings(watched, port, election, leaseNamespace);
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }
}
