package io.legerible.sparksubmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.SparkAppHandle;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real spark-launcher submissions to a local master, against real services. */
class LocalSubmissionIT {

  private static final Map<String, String> QUIET =
      Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2");

  @TempDir Path work;

  @Test
  void recommendationsBatchIsSubmittedRunsAndFinishesWithExitCodeZero() throws Exception {
    PostgresDatabase database = migratedDatabaseWithLoans();
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    SparkJobSubmitter submitter =
        new SparkJobSubmitter(
                plan(SparkJob.RECOMMENDATIONS, environment(database)),
                work,
                new PrintStream(output, true, StandardCharsets.UTF_8))
            .start();
    SparkAppHandle.State end = submitter.awaitEnd(Duration.ofMinutes(3));

    assertThat(end).isEqualTo(SparkAppHandle.State.FINISHED);
    assertThat(ExitCodes.of(end)).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("recommendations RUNNING")
        .contains("recommendations FINISHED");
    assertThat(count(database, "SELECT count(*) FROM recommendations"))
        .isEqualTo(3 + 4); // ada has loaned 2 of the 5 books, bob 1
  }

  @Test
  void jobThatCannotReachItsDatabaseEndsFailedWithExitCodeOne() throws Exception {
    PostgresDatabase database = migratedDatabaseWithLoans();
    Map<String, String> environment = environment(database);
    environment.put(PlatformEnvironment.POSTGRES_URL, "jdbc:postgresql://127.0.0.1:9/nowhere");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    SparkAppHandle.State end =
        new SparkJobSubmitter(
                plan(SparkJob.RECOMMENDATIONS, environment),
                work,
                new PrintStream(output, true, StandardCharsets.UTF_8))
            .start()
            .awaitEnd(Duration.ofMinutes(3));

    assertThat(end).isEqualTo(SparkAppHandle.State.FAILED);
    assertThat(ExitCodes.of(end)).isEqualTo(ExitCodes.FAILED);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("recommendations FAILED");
  }

  @Test
  void runningStreamIsStoppedWithSigtermAndLeavesNoProcessBehind() throws Exception {
    PostgresDatabase database = migratedDatabaseWithLoans();
    Map<String, String> environment = environment(database);
    environment.put(
        PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, KafkaServer.shared().bootstrapServers());
    environment.put(
        PlatformEnvironment.RANKING_CHECKPOINT_DIR, work.resolve("checkpoint").toString());
    SparkJobSubmitter submitter =
        new SparkJobSubmitter(
                plan(SparkJob.RANKING_STREAM, environment),
                work,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .start();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> submitter.state() == SparkAppHandle.State.RUNNING);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> work.resolve("checkpoint").resolve("ranking").toFile().isDirectory());

    List<ProcessHandle> sparkProcesses =
        new ArrayList<>(submitter.process().descendants().toList());
    sparkProcesses.add(submitter.process());

    submitter.stop();

    assertThat(submitter.awaitEnd(Duration.ofSeconds(40)).isFinal()).isTrue();
    assertThat(sparkProcesses).noneMatch(ProcessHandle::isAlive);
  }

  private static SubmissionPlan plan(SparkJob job, Map<String, String> environment) {
    return SubmissionPlanner.plan(
        job, JobSettings.from(environment), QUIET, System.getProperty("java.class.path"));
  }

  private static Map<String, String> environment(PostgresDatabase database) {
    CassandraServer cassandra = CassandraServer.shared();
    Map<String, String> environment = new HashMap<>();
    environment.put(PlatformEnvironment.SPARK_MASTER, "local[2]");
    environment.put(SubmissionPlanner.DRIVER_MEMORY, "768m");
    environment.put(PlatformEnvironment.POSTGRES_URL, database.jdbcUrl());
    environment.put(PlatformEnvironment.POSTGRES_USER, database.username());
    environment.put(PlatformEnvironment.POSTGRES_PASSWORD, database.password());
    environment.put(PlatformEnvironment.CASSANDRA_CONTACT_POINTS, cassandra.contactPoint());
    environment.put(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, cassandra.localDatacenter());
    environment.put(PlatformEnvironment.CASSANDRA_KEYSPACE, "submitter_it");
    return environment;
  }

  private static PostgresDatabase migratedDatabaseWithLoans() throws Exception {
    PostgresDatabase database = PostgresServer.shared().newDatabase();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations(
            "filesystem:" + ProjectLayout.root().resolve("webapp/src/main/resources/db/migration"))
        .load()
        .migrate();
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement()) {
      String[] isbns = {
        "9780000000019", "9780000000026", "9780000000033", "9780000000040", "9780000000057"
      };
      for (int i = 0; i < isbns.length; i++) {
        statement.execute(
            "INSERT INTO books (id, isbn13, title, authors) VALUES ("
                + (i + 1)
                + ", '"
                + isbns[i]
                + "', 'Book "
                + (i + 1)
                + "', 'Author "
                + (i % 2)
                + "')");
      }
      statement.execute(
          "INSERT INTO members (id, username, password_hash, first_name, last_name) VALUES"
              + " (1, 'ada', 'x', 'Ada', 'L'), (2, 'bob', 'x', 'Bob', 'M')");
      statement.execute("INSERT INTO loans (member_id, book_id) VALUES (1, 1), (1, 2), (2, 1)");
    }
    return database;
  }

  private static long count(PostgresDatabase database, String sql) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet result = connection.createStatement().executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
