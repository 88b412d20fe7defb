package io.legerible.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Finds free TCP ports on 127.0.0.1 and checks whether a port accepts connections. */
public final class FreePorts {

  /** Every service binds to this address. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** A port nothing listens on right now, never the same one twice in this JVM. */
  public static synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open a probe socket on " + LOOPBACK, e);
      }
    }
    throw new IllegalStateException("No free port found on " + LOOPBACK + " after 100 attempts");
  }

  /** Whether something accepts TCP connections on {@code host:port} (within 500 ms). */
  public static boolean isOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
