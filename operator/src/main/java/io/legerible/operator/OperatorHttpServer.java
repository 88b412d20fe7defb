package io.legerible.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves /healthz (the process runs), /readyz (started, every informer healthy) and /metrics
 * (Prometheus text format).
 */
public final class OperatorHttpServer implements AutoCloseable {

  private final HttpServer server;

  private OperatorHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} (0 picks a free one). */
  public static OperatorHttpServer start(
      int port, Operator operator, PrometheusMeterRegistry registry) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n"));
      server.createContext(
          "/readyz",
          exchange -> {
            var info = operator.getRuntimeInfo();
            boolean ready = info.isStarted() && info.allEventSourcesAreHealthy();
            respond(
                exchange,
                ready ? 200 : 503,
                ready ? "ready\n" : "not ready: " + info.unhealthyEventSources() + "\n");
          });
      server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape()));
      server.start();
      return new OperatorHttpServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve health and metrics on port " + port, e);
    }
  }

  /** The port served on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
