package io.legerible.sparkjobs.platform;

import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Fresh PostgreSQL databases with the website's schema, applied from its Flyway migrations. */
public final class TestDatabases {

  private TestDatabases() {}

  /** A new, migrated database on the shared test server. */
  public static PostgresDatabase migrated() {
    PostgresDatabase database = PostgresServer.shared().newDatabase();
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations(
            "filesystem:" + ProjectLayout.root().resolve("webapp/src/main/resources/db/migration"))
        .load()
        .migrate();
    return database;
  }

  /** Settings pointing at {@code database}. */
  public static PostgresSettings settings(PostgresDatabase database) {
    return new PostgresSettings(database.jdbcUrl(), database.username(), database.password());
  }

  /** Runs statements in auto-commit mode. */
  public static void execute(PostgresDatabase database, String... sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  /** Inserts a book with id {@code id} and a valid ISBN-13 derived from it. */
  public static String insertBook(long id, String title, String authors, String language) {
    String twelve = String.format("978%09d", id);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    String isbn = twelve + (10 - sum % 10) % 10;
    return "INSERT INTO books (id, isbn13, title, authors, language) VALUES ("
        + id
        + ", '"
        + isbn
        + "', '"
        + title.replace("'", "''")
        + "', '"
        + authors.replace("'", "''")
        + "', "
        + (language == null ? "NULL" : "'" + language + "'")
        + ")";
  }
}
