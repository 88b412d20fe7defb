package io.legerible.testkit.services;

import io.legerible.testkit.ExternalCommand;
import io.legerible.testkit.FreePorts;
import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ServerProcess;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away PostgreSQL 15 server (Debian's) on a free loopback port, run by
 * dev/services/postgres with its cluster in a temporary directory. Logins use a superuser and a
 * random password.
 */
public final class PostgresServer implements AutoCloseable {

  /** Where Debian's postgresql-15 package installs the server and client binaries. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private static final String SUPERUSER = "legerible";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer shared;

  private final int port;
  private final Path dataDir;
  private final String password;
  private final ServerProcess process;

  private PostgresServer() {
    for (String binary : List.of("postgres", "initdb", "psql")) {
      if (!Files.isExecutable(BIN.resolve(binary))) {
        throw new MissingDependencyException(
            "PostgreSQL 15 (" + BIN.resolve(binary) + ") is not installed", "dev/setup-packages");
      }
    }
    this.port = FreePorts.next();
    // As root the script runs PostgreSQL as the postgres OS user, which must reach the data dir.
    this.dataDir =
        "root".equals(System.getProperty("user.name"))
            ? ScratchDirectories.createForOtherUser("postgres-")
            : ScratchDirectories.create("postgres-");
    this.password = UUID.randomUUID().toString().replace("-", "");
    Path passwordFile = dataDir.resolve("superuser-password");
    try {
      Files.writeString(passwordFile, password + "\n");
      Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + passwordFile, e);
    }
    this.process =
        new ServerProcess(
            "PostgreSQL on port " + port,
            ServiceScript.command(
                "postgres",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                "--superuser",
                SUPERUSER,
                "--password-file",
                passwordFile.toString()),
            dataDir.resolve("postgres.log"),
            ServerProcess.StopSignal.INT,
            Duration.ofSeconds(30));
  }

  /** The server shared by every test in this JVM, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    shared.start();
    return shared;
  }

  /** A new server of its own, stopped by {@link #close()} or at JVM exit. */
  public static PostgresServer startNew() {
    return ServerLaunch.launch(PostgresServer::new, PostgresServer::start);
  }

  /** The address the server listens on: 127.0.0.1. */
  public String host() {
    return FreePorts.LOOPBACK;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /** The superuser name. */
  public String username() {
    return SUPERUSER;
  }

  /** The superuser's password. */
  public String password() {
    return password;
  }

  /** The JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
  }

  /** Creates a new, empty, uniquely named database owned by the superuser. */
  public PostgresDatabase newDatabase() {
    String name =
        "test_" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    psql("postgres", "CREATE DATABASE " + name).orThrow();
    return new PostgresDatabase(name, jdbcUrl(name), SUPERUSER, password);
  }

  /** Runs one SQL command in {@code database} with psql. */
  public ExternalCommand.Result psql(String database, String sql) {
    return ExternalCommand.run(
        COMMAND_TIMEOUT,
        Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "5"),
        List.of(
            BIN.resolve("psql").toString(),
            "--no-psqlrc",
            "--quiet",
            "--tuples-only",
            "--set=ON_ERROR_STOP=1",
            "--host=" + host(),
            "--port=" + port,
            "--username=" + SUPERUSER,
            "--dbname=" + database,
            "--command=" + sql));
  }

  /** Starts the server (on the same port and data) unless it is running; waits until ready. */
  public void start() {
    process.start(
        START_TIMEOUT,
        () -> FreePorts.isOpen(host(), port) && psql("postgres", "SELECT 1").succeeded());
  }

  /** Stops the server (fast shutdown); its data stays for {@link #start()}. */
  public void stop() {
    process.stop();
  }

  /**
   * Stops the server and deletes its data (never close the {@link #shared()} one: the JVM does).
   */
  @Override
  public void close() {
    process.stop();
    ShutdownHooks.unregister(this);
    ScratchDirectories.delete(dataDir);
  }

  @Override
  public String toString() {
    return "PostgresServer[" + host() + ":" + port + ", " + dataDir + "]";
  }
}
