package io.legerible.operator.dependent.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ObjectStore;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.api.PostgresRestore;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.testing.Libraries;
import io.legerible.testkit.ExternalCommand;
import io.legerible.testkit.services.ObjectStoreServer;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup CronJob's script, the restore scripts and the password rotation Job's script, exactly
 * as the operator builds them, run for real against a local PostgreSQL: the simulated cluster never
 * runs a container.
 */
class PostgresBackupScriptsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String BUCKET = "library-backups";

  @TempDir Path backups;
  @TempDir Path volume;

  private final PostgresServer server = PostgresServer.shared();

  @Test
  void backupKeepsTheNewestDumpsAndRestoreBringsBackMembersAndLoansOwnedByTheRole()
      throws Exception {
    PostgresDatabase source = membersAndLoans();
    for (String old :
        List.of("20200101T000000Z.dump", "20200102T000000Z.dump", "20200103T000000Z.dump")) {
      Files.writeString(backups.resolve(old), "an older dump");
    }
    Files.writeString(backups.resolve(".20200104T000000Z.dump.partial"), "a killed run's");
    Files.writeString(backups.resolve("notes.txt"), "not a dump");
    Path terminationLog = volume.resolve("termination-log");

    ExternalCommand.Result backup =
        ExternalCommand.run(
            TIMEOUT,
            clientEnvironment(
                Map.of(
                    "BACKUP_DIR", backups.toString(),
                    "BACKUP_RETAIN", "2",
                    "PGDATABASE", source.name(),
                    "PGUSER", server.username(),
                    "TERMINATION_LOG", terminationLog.toString())),
            List.of("sh", "-c", backupScript()));

    assertThat(backup.exitCode()).as(backup.output()).isZero();
    String[] reported = Files.readString(terminationLog).strip().split(" ");
    String dump = reported[0];
    assertThat(dump).matches("[0-9]{8}T[0-9]{6}Z\\.dump");
    assertThat(Long.parseLong(reported[1])).isEqualTo(Files.size(backups.resolve(dump)));
    assertThat(fileNames(backups))
        .as("the newest 2 dumps, no temporary file, and what is not a dump")
        .containsExactlyInAnyOrder(dump, "20200103T000000Z.dump", "notes.txt");

    restoreAndFindMembersAndLoans(
        PostgresRestore.of("legerible-city-postgres-backups", dump), backups, terminationLog);
  }

  @Test
  void backupCopiedToAnObjectStoreKeepsTheNewestThereAndANewDatabaseIsRestoredFromIt()
      throws Exception {
    PostgresDatabase source = membersAndLoans();
    try (ObjectStoreServer store = ObjectStoreServer.startNew()) {
      store.createBucket(BUCKET);
      Path bucket = store.folder(BUCKET);
      for (String old :
          List.of(
              "town/city/20200101T000000Z.dump",
              "town/city/20200102T000000Z.dump",
              "town/city/notes.txt",
              "town/other-city/20200101T000000Z.dump")) {
        Files.createDirectories(bucket.resolve(old).getParent());
        Files.writeString(bucket.resolve(old), "an older dump");
      }
      LegeribleLibrary library = backedUp();
      library.getSpec().postgres.managed.backup.retain = 2;
      library.getSpec().postgres.managed.backup.objectStore =
          ObjectStore.of(store.endpoint(), BUCKET, "bucket-keys");
      PodSpec pod = PostgresBackupDependentsTest.backupPod(library);
      Path handoff = Files.createDirectory(volume.resolve("handoff"));
      Path terminationLog = volume.resolve("termination-log");

      // The pod's first step, the dump, exactly as built; its hand-over file in a local folder.
      Container dump = pod.getInitContainers().get(0);
      Map<String, String> dumpEnvironment = builtEnvironment(pod, "backup");
      dumpEnvironment.put("BACKUP_DIR", backups.toString());
      dumpEnvironment.put("PGDATABASE", source.name());
      dumpEnvironment.put("PGUSER", server.username());
      dumpEnvironment.put(
          "TERMINATION_LOG",
          dumpEnvironment.get("TERMINATION_LOG").replace("/handoff", handoff.toString()));
      ExternalCommand.Result dumped =
          ExternalCommand.run(
              TIMEOUT,
              clientEnvironment(dumpEnvironment),
              List.of("sh", "-c", dump.getArgs().get(0)));
      assertThat(dumped.exitCode()).as(dumped.output()).isZero();

      // The second, the copy: the operator image's program, run by the container's command.
      Map<String, String> copyEnvironment = builtEnvironment(pod, "upload");
      copyEnvironment.put("BACKUP_DIR", backups.toString());
      copyEnvironment.put(
          "BACKUP_DUMPED",
          copyEnvironment.get("BACKUP_DUMPED").replace("/handoff", handoff.toString()));
      copyEnvironment.put("TERMINATION_LOG", terminationLog.toString());
      copyEnvironment.put("AWS_ACCESS_KEY_ID", store.accessKeyId());
      copyEnvironment.put("AWS_SECRET_ACCESS_KEY", store.secretAccessKey());
      ExternalCommand.Result copied =
          ExternalCommand.run(TIMEOUT, copyEnvironment, operatorImageCommand(pod, "upload"));

      assertThat(copied.exitCode()).as(copied.output()).isZero();
      String[] reported = Files.readString(terminationLog).strip().split(" ");
      String name = reported[0];
      assertThat(name).matches("[0-9]{8}T[0-9]{6}Z\\.dump");
      assertThat(Long.parseLong(reported[1])).isEqualTo(Files.size(backups.resolve(name)));
      assertThat(reported[2]).isEqualTo("s3://" + BUCKET + "/town/city/" + name);
      assertThat(store.keys(BUCKET))
          .as("the newest 2 dumps of this library's folder; other files and folders untouched")
          .containsExactlyInAnyOrder(
              "town/city/" + name,
              "town/city/20200102T000000Z.dump",
              "town/city/notes.txt",
              "town/other-city/20200101T000000Z.dump");
      assertThat(Files.size(bucket.resolve("town/city/" + name)))
          .isEqualTo(Files.size(backups.resolve(name)));

      // A new library restored from the copy, the claim out of reach: fetched, checked, restored.
      PostgresRestore restoreFrom =
          PostgresRestore.of(ObjectStore.of(store.endpoint(), BUCKET, "bucket-keys"), name);
      Path scratch = Files.createDirectory(volume.resolve("scratch"));
      Path pgdata = Files.createDirectory(volume.resolve("pgdata"));
      PodSpec restoring =
          postgresPod(Libraries.city(spec -> spec.postgres.managed.restoreFrom = restoreFrom));
      Map<String, String> fetchEnvironment = builtEnvironment(restoring, "restore-fetch");
      fetchEnvironment.put("PGDATA", pgdata.toString());
      fetchEnvironment.put("BACKUP_DIR", scratch.toString());
      fetchEnvironment.put("TERMINATION_LOG", terminationLog.toString());
      fetchEnvironment.put("AWS_ACCESS_KEY_ID", store.accessKeyId());
      fetchEnvironment.put("AWS_SECRET_ACCESS_KEY", store.secretAccessKey());
      ExternalCommand.Result fetched =
          ExternalCommand.run(
              TIMEOUT, fetchEnvironment, operatorImageCommand(restoring, "restore-fetch"));
      assertThat(fetched.exitCode()).as(fetched.output()).isZero();
      assertThat(fileNames(scratch)).containsExactly(name);
      restoreAndFindMembersAndLoans(restoreFrom, scratch, terminationLog);

      // A dump the folder does not have stops the pod, naming the ones it has.
      Files.delete(scratch.resolve(name));
      Path empty = Files.createDirectory(volume.resolve("empty"));
      fetchEnvironment.put("PGDATA", empty.toString());
      fetchEnvironment.put("RESTORE_BACKUP", "20991231T000000Z.dump");
      ExternalCommand.Result missing =
          ExternalCommand.run(
              TIMEOUT, fetchEnvironment, operatorImageCommand(restoring, "restore-fetch"));
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(Files.readString(terminationLog))
          .contains(
              "restoreFrom: s3://"
                  + BUCKET
                  + "/town/city/ has no backup 20991231T000000Z.dump; name one of its dumps")
          .contains("e.g. " + name + ", 20200102T000000Z.dump");

      // Wrong keys: the copy fails, saying so, and nothing is deleted.
      copyEnvironment.put("AWS_SECRET_ACCESS_KEY", "not-the-key");
      ExternalCommand.Result refused =
          ExternalCommand.run(TIMEOUT, copyEnvironment, operatorImageCommand(pod, "upload"));
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(Files.readString(terminationLog)).startsWith("upload failed: ");
      assertThat(store.keys(BUCKET)).hasSize(4);
    }
  }

  @Test
  void checkRefusesToStartADatabaseWhoseBackupIsMissingOrWhoseRestoreDidNotComplete()
      throws IOException {
    Path pgdata = Files.createDirectory(volume.resolve("pgdata"));
    Path terminationLog = volume.resolve("termination-log");
    Map<String, String> environment =
        Map.of(
            "PGDATA", pgdata.toString(),
            "BACKUP_DIR", backups.toString(),
            "RESTORE_SOURCE", "claim legerible-city-postgres-backups",
            "RESTORE_BACKUP", "20261205T030000Z.dump",
            "TERMINATION_LOG", terminationLog.toString());

    ExternalCommand.Result missing =
        ExternalCommand.run(TIMEOUT, environment, List.of("sh", "-c", script("check.sh")));

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(Files.readString(terminationLog))
        .contains(
            "restoreFrom: claim legerible-city-postgres-backups has no backup"
                + " 20261205T030000Z.dump");

    // initdb ran, then the pod died before the restore finished.
    Files.writeString(pgdata.resolve("PG_VERSION"), "15\n");
    Files.writeString(volume.resolve("pgdata.restore-pending"), "the restore did not start\n");
    ExternalCommand.Result incomplete =
        ExternalCommand.run(TIMEOUT, environment, List.of("sh", "-c", script("check.sh")));

    assertThat(incomplete.exitCode()).isEqualTo(1);
    assertThat(Files.readString(terminationLog))
        .contains("did not complete (the restore did not start); the database is incomplete");

    Files.delete(volume.resolve("pgdata.restore-pending"));
    ExternalCommand.Result existing =
        ExternalCommand.run(TIMEOUT, environment, List.of("sh", "-c", script("check.sh")));
    assertThat(existing.exitCode())
        .as("an existing database starts: it is never restored over")
        .isZero();
  }

  @Test
  void rotationGivesTheRoleItsNextPasswordAndTheOldOneStopsWorking() throws Exception {
    PostgresDatabase database = server.newDatabase();
    String role = "rotated_" + UUID.randomUUID().toString().substring(0, 8);
    String before = "pw" + UUID.randomUUID().toString().replace("-", "");
    // A password with the characters psql's quoting must carry: ' " \ and a space.
    String next = "it's a \"new\" pass\\word " + UUID.randomUUID();
    LegeribleLibrary library =
        Libraries.city(
            spec -> {
              spec.postgres.managed.database = database.name();
              spec.postgres.managed.user = role;
            });
    createApplicationRole(database, library, before);
    var container =
        PodTemplates.container(
            PasswordRotation.job(library, "2026-12-05", DefaultImages.BUILT_IN)
                .getSpec()
                .getTemplate(),
            "rotate");
    assertThat(container.getCommand()).containsExactly("sh", "-c");
    Map<String, String> environment = new HashMap<>();
    container.getEnv().stream()
        .filter(env -> env.getValue() != null)
        .forEach(env -> environment.put(env.getName(), env.getValue()));
    environment.put("NEXT_PASSWORD", next);
    Map<String, String> client = clientEnvironment(environment);
    // PGHOST, PGPORT and PGPASSWORD of the local server in place of the Service and the Secret.
    client.put("PGDATABASE", database.name());
    client.put("PGUSER", server.username());

    for (int run = 1; run <= 2; run++) {
      ExternalCommand.Result rotated =
          ExternalCommand.run(TIMEOUT, client, List.of("sh", "-c", container.getArgs().get(0)));
      assertThat(rotated.exitCode()).as("run %d: %s", run, rotated.output()).isZero();
    }

    try (Connection db = connect(database.name(), role, next);
        Statement sql = db.createStatement()) {
      assertThat(rows(sql, "SELECT current_user")).containsExactly(role);
    }
    assertThatThrownBy(() -> connect(database.name(), role, before))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  /**
   * What a new database pod does with {@code restoreFrom} once the dump is in {@code backupDir}:
   * the role's script, the check, the restore; then the members and loans are there, owned by the
   * website's role.
   */
  private void restoreAndFindMembersAndLoans(
      PostgresRestore restoreFrom, Path backupDir, Path terminationLog) throws Exception {
    String role = "restored_" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw" + UUID.randomUUID().toString().replace("-", "");
    PostgresDatabase target = server.newDatabase();
    LegeribleLibrary restored =
        Libraries.city(
            spec -> {
              spec.postgres.managed.database = target.name();
              spec.postgres.managed.user = role;
              spec.postgres.managed.restoreFrom = restoreFrom;
            });
    createApplicationRole(target, restored, password);
    Path pgdata = Files.createDirectories(volume.resolve("pgdata"));
    Map<String, String> restoreEnvironment =
        clientEnvironment(
            Map.of(
                "PGDATA", pgdata.toString(),
                "BACKUP_DIR", backupDir.toString(),
                "RESTORE_SOURCE",
                    builtEnvironment(postgresPod(restored), "postgres").get("RESTORE_SOURCE"),
                "RESTORE_BACKUP", restoreFrom.backup,
                "RESTORE_ROLE", role,
                "POSTGRES_USER", server.username(),
                "POSTGRES_DB", target.name(),
                "TERMINATION_LOG", terminationLog.toString()));

    ExternalCommand.Result check =
        ExternalCommand.run(TIMEOUT, restoreEnvironment, List.of("sh", "-c", script("check.sh")));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(volume.resolve("pgdata.restore-pending")).exists();
    // Sourced as the entrypoint does it, in its shell options: an error must stop the entrypoint.
    ExternalCommand.Result restore =
        ExternalCommand.run(
            TIMEOUT,
            restoreEnvironment,
            List.of(
                "bash", "-c", "set -Eeo pipefail; . \"$0\"", writeScript("restore.sh").toString()));

    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(volume.resolve("pgdata.restore-pending")).doesNotExist();
    try (Connection db = connect(target.name(), role, password);
        Statement sql = db.createStatement()) {
      assertThat(rows(sql, "SELECT name FROM members ORDER BY id")).containsExactly("Ada", "Grace");
      assertThat(
              rows(
                  sql,
                  "SELECT m.name || ':' || l.book FROM loans l JOIN members m ON m.id = l.member_id"
                      + " ORDER BY 1"))
          .containsExactly("Ada:Dune", "Ada:Emma", "Grace:Ulysses");
      assertThat(rows(sql, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
          .as("the website's role owns what it migrates")
          .containsExactly(role);
      // The role can write, as the website does.
      sql.execute("INSERT INTO loans VALUES (2, 'Middlemarch')");
    }
  }

  /** The environment values {@code container} of {@code pod} is given as built. */
  private static Map<String, String> builtEnvironment(PodSpec pod, String container) {
    Map<String, String> environment = new HashMap<>();
    container(pod, container).getEnv().stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
    return environment;
  }

  /** The command of {@code container}, run from the operator image, with this JVM's classpath. */
  private static List<String> operatorImageCommand(PodSpec pod, String container) {
    return container(pod, container).getCommand().stream()
        .map(
            part ->
                switch (part) {
                  case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                  case "@/app/jib-classpath-file" -> System.getProperty("java.class.path");
                  default -> part;
                })
        .toList();
  }

  private static Container container(PodSpec pod, String name) {
    return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
        .filter(candidate -> candidate.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static PodSpec postgresPod(LegeribleLibrary library) {
    return new PostgresStatefulSetDependentResource()
        .build(library, Libraries.inputs())
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  /** What the image's entrypoint runs first: the application role's script from the Secret. */
  private void createApplicationRole(
      PostgresDatabase database, LegeribleLibrary library, String password) {
    server
        .psql(
            database.name(),
            PostgresCredentialsDependentResource.build(library, password, "unused")
                .getStringData()
                .get(PostgresCredentialsDependentResource.ROLE_SCRIPT_KEY))
        .orThrow();
  }

  private PostgresDatabase membersAndLoans() throws SQLException {
    PostgresDatabase source = server.newDatabase();
    try (Connection db = connect(source.name(), server.username(), server.password());
        Statement sql = db.createStatement()) {
      sql.execute("CREATE EXTENSION pg_trgm");
      sql.execute("CREATE TABLE members (id int PRIMARY KEY, name text NOT NULL)");
      sql.execute("CREATE INDEX members_name ON members USING gin (name gin_trgm_ops)");
      sql.execute("CREATE TABLE loans (member_id int REFERENCES members, book text NOT NULL)");
      sql.execute("INSERT INTO members VALUES (1, 'Ada'), (2, 'Grace')");
      sql.execute("INSERT INTO loans VALUES (1, 'Dune'), (1, 'Emma'), (2, 'Ulysses')");
    }
    return source;
  }

  private static LegeribleLibrary backedUp() {
    return Libraries.city(spec -> spec.postgres.managed.backup = new PostgresBackup());
  }

  private static String backupScript() {
    var cronJob =
        new PostgresBackupCronJobDependentResource().build(backedUp(), Libraries.inputs());
    var container =
        PodTemplates.container(
            cronJob.getSpec().getJobTemplate().getSpec().getTemplate(), "backup");
    assertThat(container.getCommand()).containsExactly("sh", "-c");
    return container.getArgs().get(0);
  }

  private static String script(String key) {
    return new PostgresRestoreScriptsDependentResource()
        .build(backedUp(), Libraries.inputs())
        .getData()
        .get(key);
  }

  private Path writeScript(String key) throws IOException {
    return Files.writeString(volume.resolve(key), script(key));
  }

  /** The client tools of the server's version first on PATH, talking to it over TCP. */
  private Map<String, String> clientEnvironment(Map<String, String> more) {
    Map<String, String> environment = new HashMap<>(more);
    environment.put("PATH", PostgresServer.BIN + ":" + System.getenv("PATH"));
    environment.put("PGHOST", server.host());
    environment.put("PGPORT", Integer.toString(server.port()));
    environment.put("PGPASSWORD", server.password());
    return environment;
  }

  private Connection connect(String database, String user, String password) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database), user, password);
  }

  private static List<String> rows(Statement sql, String query) throws SQLException {
    List<String> rows = new java.util.ArrayList<>();
    try (ResultSet result = sql.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }
}
