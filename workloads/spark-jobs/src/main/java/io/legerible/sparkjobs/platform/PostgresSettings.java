package io.legerible.sparkjobs.platform;

import io.legerible.contracts.PlatformEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the library database is and how to log in. */
public record PostgresSettings(String jdbcUrl, String user, String password) {

  /** From {@link PlatformEnvironment#POSTGRES_URL} and friends. */
  public static PostgresSettings from(JobSettings settings) {
    return new PostgresSettings(
        settings.require(PlatformEnvironment.POSTGRES_URL),
        settings.require(PlatformEnvironment.POSTGRES_USER),
        settings.get(PlatformEnvironment.POSTGRES_PASSWORD, ""));
  }

  /** JDBC properties for Spark's JDBC source and for {@link #connect()}. */
  public Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("driver", "org.postgresql.Driver");
    return properties;
  }

  /** A new connection with auto-commit off; the caller closes it. */
  public Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl, properties());
    connection.setAutoCommit(false);
    return connection;
  }

  @Override
  public String toString() {
    return "PostgresSettings[" + jdbcUrl + ", user=" + user + "]";
  }
}
