package io.legerible.testkit.services;

import io.legerible.testkit.FreePorts;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ServerProcess;
import io.legerible.testkit.ShutdownHooks;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-node Cassandra 5.0 on free loopback ports, run by dev/services/cassandra as its own JDK 17
 * JVM (small heap) with its data in a temporary directory.
 */
public final class CassandraServer implements AutoCloseable {

  /** The datacenter of the single node (SimpleSnitch's). */
  public static final String LOCAL_DATACENTER = "datacenter1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** CQL native protocol v4 OPTIONS request: version, flags, stream id, opcode, body length. */
  private static final byte[] OPTIONS_REQUEST = {0x04, 0, 0, 0, 0x05, 0, 0, 0, 0};

  private static final int SUPPORTED_OPCODE = 0x06;
  private static CassandraServer shared;

  private final int port;
  private final Path dataDir;
  private final ServerProcess process;

  private CassandraServer() {
    this.port = FreePorts.next();
    int storagePort = FreePorts.next();
    int jmxPort = FreePorts.next();
    this.dataDir = ScratchDirectories.create("cassandra-");
    this.process =
        new ServerProcess(
            "Cassandra on port " + port,
            ServiceScript.command(
                "cassandra",
                "--port",
                Integer.toString(port),
                "--storage-port",
                Integer.toString(storagePort),
                "--jmx-port",
                Integer.toString(jmxPort),
                "--data-dir",
                dataDir.toString()),
            dataDir.resolve("cassandra.log"),
            ServerProcess.StopSignal.TERM,
            Duration.ofSeconds(30));
  }

  /** The node shared by every test in this JVM, started on first use. */
  public static synchronized CassandraServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    shared.start();
    return shared;
  }

  /** A new node of its own, stopped by {@link #close()} or at JVM exit. */
  public static CassandraServer startNew() {
    return ServerLaunch.launch(CassandraServer::new, CassandraServer::start);
  }

  /** The address the node listens on: 127.0.0.1. */
  public String host() {
    return FreePorts.LOOPBACK;
  }

  /** The CQL native transport port. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, a CQL contact point. */
  public String contactPoint() {
    return host() + ":" + port;
  }

  /** The node's datacenter, for the driver's {@code withLocalDatacenter}. */
  public String localDatacenter() {
    return LOCAL_DATACENTER;
  }

  /** Starts the node (same ports and data) unless it is running; waits until CQL answers. */
  public void start() {
    process.start(START_TIMEOUT, this::answersCql);
  }

  /** Stops the node; its keyspaces stay for {@link #start()}. */
  public void stop() {
    process.stop();
  }

  /** Stops the node and deletes its data (never close the {@link #shared()} one). */
  @Override
  public void close() {
    process.stop();
    ShutdownHooks.unregister(this);
    ScratchDirectories.delete(dataDir);
  }

  /** Whether the native transport answers an OPTIONS request with SUPPORTED. */
  private boolean answersCql() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port), 500);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write(OPTIONS_REQUEST);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[9];
      in.readFully(header);
      return (header[0] & 0x80) != 0 && header[4] == SUPPORTED_OPCODE;
    }
  }

  @Override
  public String toString() {
    return "CassandraServer[" + contactPoint() + ", " + dataDir + "]";
  }
}
