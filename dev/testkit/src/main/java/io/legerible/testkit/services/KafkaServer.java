package io.legerible.testkit.services;

import io.legerible.testkit.FreePorts;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ServerProcess;
import io.legerible.testkit.ShutdownHooks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-node Kafka (KRaft, broker and controller combined) on free loopback ports, run by
 * dev/services/kafka as its own JVM with its data in a temporary directory.
 */
public final class KafkaServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String STARTED_LINE = "Kafka Server started";
  private static KafkaServer shared;

  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final ServerProcess process;

  private KafkaServer() {
    this.port = FreePorts.next();
    this.controllerPort = FreePorts.next();
    this.dataDir = ScratchDirectories.create("kafka-");
    this.process =
        new ServerProcess(
            "Kafka on port " + port,
            ServiceScript.command(
                "kafka",
                "--port",
                Integer.toString(port),
                "--controller-port",
                Integer.toString(controllerPort),
                "--data-dir",
                dataDir.toString()),
            dataDir.resolve("kafka.log"),
            ServerProcess.StopSignal.TERM,
            Duration.ofSeconds(30));
  }

  /** The broker shared by every test in this JVM, started on first use. */
  public static synchronized KafkaServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    shared.start();
    return shared;
  }

  /** A new broker of its own, stopped by {@link #close()} or at JVM exit. */
  public static KafkaServer startNew() {
    return ServerLaunch.launch(KafkaServer::new, KafkaServer::start);
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return FreePorts.LOOPBACK + ":" + port;
  }

  /** The broker's client port. */
  public int port() {
    return port;
  }

  /** Starts the broker (same ports and data) unless it is running; waits until it has started. */
  public void start() {
    process.start(
        START_TIMEOUT,
        () -> process.logContains(STARTED_LINE) && FreePorts.isOpen(FreePorts.LOOPBACK, port));
  }

  /** Stops the broker; its topics and offsets stay for {@link #start()}. */
  public void stop() {
    process.stop();
  }

  /** Stops the broker and deletes its data (never close the {@link #shared()} one). */
  @Override
  public void close() {
    process.stop();
    ShutdownHooks.unregister(this);
    ScratchDirectories.delete(dataDir);
  }

  @Override
  public String toString() {
    return "KafkaServer[" + bootstrapServers() + ", " + dataDir + "]";
  }
}
