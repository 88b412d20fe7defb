package io.legerible.testkit.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

  @Test
  void sqlRoundTripThroughJdbc() throws SQLException {
    PostgresDatabase database = PostgresServer.shared().newDatabase();

    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE shelf (isbn text PRIMARY KEY, title text NOT NULL)");
      statement.execute(
          "INSERT INTO shelf VALUES ('9780261103573', 'The Fellowship of the Ring'),"
              + " ('9780007136599', 'The Two Towers')");

      assertThat(titles(statement, "SELECT title FROM shelf ORDER BY isbn"))
          .containsExactly("The Two Towers", "The Fellowship of the Ring");
      assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("15.");
    }
  }

  @Test
  void eachNewDatabaseIsEmptyAndDistinct() throws SQLException {
    PostgresServer server = PostgresServer.shared();
    PostgresDatabase first = server.newDatabase();
    PostgresDatabase second = server.newDatabase();

    assertThat(first.name()).isNotEqualTo(second.name());
    try (Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE only_in_first (id int)");
    }
    try (Connection connection = connect(second);
        Statement statement = connection.createStatement()) {
      assertThat(
              titles(
                  statement,
                  "SELECT table_name::text FROM information_schema.tables"
                      + " WHERE table_schema = 'public'"))
          .isEmpty();
    }
  }

  @Test
  void wrongPasswordIsRejected() {
    PostgresDatabase database = PostgresServer.shared().newDatabase();

    assertThatThrownBy(
            () -> DriverManager.getConnection(database.jdbcUrl(), database.username(), "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void stoppedServerRefusesConnectionsAndRestartKeepsData() throws SQLException {
    PostgresServer server = PostgresServer.shared();
    PostgresDatabase database = server.newDatabase();
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE survivor (title text)");
      statement.execute("INSERT INTO survivor VALUES ('Dune')");
    }

    server.stop();
    try {
      assertThatThrownBy(() -> connect(database)).isInstanceOf(SQLException.class);
    } finally {
      server.start();
    }

    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      assertThat(titles(statement, "SELECT title FROM survivor")).containsExactly("Dune");
    }
  }

  private static Connection connect(PostgresDatabase database) throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }

  private static List<String> titles(Statement statement, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
