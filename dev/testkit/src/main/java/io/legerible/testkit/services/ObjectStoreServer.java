package io.legerible.testkit.services;

import io.legerible.testkit.FreePorts;
import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ServerProcess;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An S3-compatible object store (S3Proxy over a local folder, AWS signature v4 with a key pair of
 * its own) on a free port. The jar comes from Maven Central: the modules whose tests use it copy it
 * into their build directory and name it in the system property {@value #JAR_PROPERTY}.
 */
public final class ObjectStoreServer implements AutoCloseable {

  /** The system property naming S3Proxy's jar with its dependencies. */
  public static final String JAR_PROPERTY = "legerible.objectStoreServer.jar";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String host;
  private final int port;
  private final Path workDir;
  private final Path data;
  private final String accessKeyId = "legerible-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secretAccessKey = UUID.randomUUID().toString();
  private final ServerProcess process;

  private ObjectStoreServer(String host) {
    this.host = host;
    this.port = FreePorts.next();
    this.workDir = ScratchDirectories.create("object-store-");
    this.data = workDir.resolve("buckets");
    Path properties = workDir.resolve("s3proxy.conf");
    try {
      Files.createDirectories(data);
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint(),
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + accessKeyId,
              "s3proxy.credential=" + secretAccessKey,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + data,
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.process =
        new ServerProcess(
            "object store on " + host + ":" + port,
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar().toString(),
                "--properties",
                properties.toString()),
            workDir.resolve("s3proxy.log"),
            ServerProcess.StopSignal.TERM,
            Duration.ofSeconds(10));
  }

  /** A new store listening on {@code host} (an address of this machine), empty. */
  public static ObjectStoreServer startNew(String host) {
    return ServerLaunch.launch(() -> new ObjectStoreServer(host), ObjectStoreServer::start);
  }

  /** A new store on the loopback address. */
  public static ObjectStoreServer startNew() {
    return startNew(FreePorts.LOOPBACK);
  }

  /** The S3 API's URL, e.g. http://127.0.0.1:40123. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  /** The access key id the store accepts. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The secret access key the store accepts. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** Creates bucket {@code name} (a folder of the store's). */
  public void createBucket(String name) {
    try {
      Files.createDirectories(data.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder holding {@code bucket}'s objects, one file per key: to seed or inspect it. */
  public Path folder(String bucket) {
    return data.resolve(bucket);
  }

  /** The keys in {@code bucket}, sorted. */
  public List<String> keys(String bucket) {
    Path root = data.resolve(bucket);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void start() {
    process.start(START_TIMEOUT, () -> FreePorts.isOpen(host, port));
  }

  @Override
  public void close() {
    process.stop();
    ShutdownHooks.unregister(this);
    ScratchDirectories.delete(workDir);
  }

  private static Path jar() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new MissingDependencyException(
          "S3Proxy's jar (system property " + JAR_PROPERTY + " = " + jar + ")",
          "./mvnw verify on the module (its build copies the jar from Maven Central)");
    }
    return Path.of(jar);
  }

  @Override
  public String toString() {
    return "ObjectStoreServer[" + endpoint() + "]";
  }
}
