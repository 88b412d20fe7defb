package io.legerible.testkit.services;

import io.legerible.testkit.FreePorts;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ServerProcess;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A memcached (Debian's) on a free loopback port, run by dev/services/memcached. */
public final class MemcachedServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static MemcachedServer shared;

  private final int port;
  private final Path workDir;
  private final ServerProcess process;

  private MemcachedServer() {
    this.port = FreePorts.next();
    this.workDir = ScratchDirectories.create("memcached-");
    this.process =
        new ServerProcess(
            "memcached on port " + port,
            ServiceScript.command("memcached", "--port", Integer.toString(port)),
            workDir.resolve("memcached.log"),
            ServerProcess.StopSignal.TERM,
            Duration.ofSeconds(10));
  }

  /** The server shared by every test in this JVM, started on first use. */
  public static synchronized MemcachedServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    shared.start();
    return shared;
  }

  /** A new server of its own, stopped by {@link #close()} or at JVM exit. */
  public static MemcachedServer startNew() {
    return ServerLaunch.launch(MemcachedServer::new, MemcachedServer::start);
  }

  /** The address the server listens on: 127.0.0.1. */
  public String host() {
    return FreePorts.LOOPBACK;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /** {@code host:port}, the form memcached clients take. */
  public String address() {
    return host() + ":" + port;
  }

  /** Starts the server (on the same port, empty) unless it is running; waits until it answers. */
  public void start() {
    process.start(START_TIMEOUT, this::answersVersion);
  }

  /** Stops the server; its cache content is lost (memcached keeps nothing on disk). */
  public void stop() {
    process.stop();
  }

  /** Stops the server and deletes its log (never close the {@link #shared()} one). */
  @Override
  public void close() {
    process.stop();
    ShutdownHooks.unregister(this);
    ScratchDirectories.delete(workDir);
  }

  private boolean answersVersion() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int read = in.read(reply);
      return read > 0
          && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("VERSION");
    }
  }

  @Override
  public String toString() {
    return "MemcachedServer[" + address() + "]";
  }
}
