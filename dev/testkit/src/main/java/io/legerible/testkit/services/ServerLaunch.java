package io.legerible.testkit.services;

import io.legerible.testkit.ShutdownHooks;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Creates and starts a new server: registered for closing at JVM exit, closed again if it does not
 * start, and recreated on fresh ports when another process grabbed a port between the free-port
 * probe and the server's bind.
 */
final class ServerLaunch {

  private static final int ATTEMPTS = 3;
  private static final String PORT_CLASH = "Address already in use";

  private ServerLaunch() {}

  static <T extends AutoCloseable> T launch(Supplier<T> create, Consumer<T> start) {
    for (int attempt = 1; ; attempt++) {
      T server = create.get();
      ShutdownHooks.register(server);
      try {
        start.accept(server);
        return server;
      } catch (RuntimeException e) {
        closeQuietly(server, e);
        if (attempt >= ATTEMPTS || !String.valueOf(e.getMessage()).contains(PORT_CLASH)) {
          throw e;
        }
      }
    }
  }

  private static void closeQuietly(AutoCloseable server, RuntimeException failure) {
    try {
      server.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
