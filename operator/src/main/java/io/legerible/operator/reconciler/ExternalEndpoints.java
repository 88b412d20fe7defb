package io.legerible.operator.reconciler;

import io.legerible.operator.api.ExternalService;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects to the external services a library names, as its programs would (same host names,
 * resolved where the operator runs, which is in the cluster too), so that an external service that
 * does not answer is reported instead of trusted.
 */
final class ExternalEndpoints {

  /** How often a library with external services is checked again. */
  static final Duration INTERVAL = Duration.ofSeconds(30);

  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

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

  /** The endpoints that did not accept a connection, each with the reason. */
  static Map<String, String> unreachable(List<String> endpoints) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (String endpoint : endpoints) {
      int colon = endpoint.lastIndexOf(':');
      String host = endpoint.substring(0, colon);
      int port = Integer.parseInt(endpoint.substring(colon + 1));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        failures.put(endpoint, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return failures;
  }
}
