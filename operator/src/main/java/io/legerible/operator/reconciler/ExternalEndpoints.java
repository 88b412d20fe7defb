package io.legerible.operator.reconciler;

import io.legerible.operator.api.ExternalService;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects to the external services a library names, as its programs would (same host names,
 * resolved where the operator runs, which is in the cluster too), so that an external service that
 * does not answer is reported instead of trusted.
 */
final class ExternalEndpoints {

  /** How often a library with external services is checked again. */
  static final Duration INTERVAL = Duration.ofSeconds(30);

  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  /**
   * Each endpoint's last answer (the failure, or empty when it connected) and when it was asked:
   * reconciliations run on every pod event, connections only once per interval.
   */
  private static final Map<String, Checked> LAST = new ConcurrentHashMap<>();

  private record Checked(Optional<String> failure, Instant at) {}

  private ExternalEndpoints() {}

  /** Every external endpoint of {@code library}. */
  static List<String> of(LegeribleLibrary library) {
    LegeribleLibrarySpec spec = library.getSpec();
    List<String> endpoints = new ArrayList<>();
    for (ExternalService external :
        new ExternalService[] {
          spec.postgres.external,
          spec.memcached.external,
          spec.kafka.external,
          spec.cassandra.external
        }) {
      if (external != null && external.endpoints != null) {
        endpoints.addAll(external.endpoints);
      }
    }
    return endpoints;
  }

  /**
   * The endpoints that did not accept a connection, each with the reason; an endpoint asked less
   * than {@link #INTERVAL} ago is not asked again.
   */
  static Map<String, String> unreachable(List<String> endpoints) {
    Map<String, String> failures = new LinkedHashMap<>();
    Instant now = Instant.now();
    for (String endpoint : endpoints) {
      Checked checked = LAST.get(endpoint);
      // A second of slack: the reconciliation rescheduled INTERVAL later must ask again.
      if (checked == null || !checked.at().plus(INTERVAL).minusSeconds(1).isAfter(now)) {
        checked = new Checked(connect(endpoint), now);
        LAST.put(endpoint, checked);
      }
      checked.failure().ifPresent(failure -> failures.put(endpoint, failure));
    }
    return failures;
  }

  private static Optional<String> connect(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    String host = endpoint.substring(0, colon);
    int port = Integer.parseInt(endpoint.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
