package io.legerible.sparkjobs.platform;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.legerible.contracts.CassandraSchema;
import io.legerible.contracts.CassandraTables;
import io.legerible.contracts.PlatformEnvironment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Where the Cassandra data lake is, its keyspace and replication factor. */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    String keyspace,
    int replicationFactor,
    String user,
    String password) {

  /** From {@link PlatformEnvironment#CASSANDRA_CONTACT_POINTS} and friends. */
  public static CassandraSettings from(JobSettings settings) {
    String points = settings.require(PlatformEnvironment.CASSANDRA_CONTACT_POINTS);
    List<InetSocketAddress> contactPoints =
        Arrays.stream(points.split(","))
            .map(String::strip)
            .filter(point -> !point.isEmpty())
            .map(CassandraSettings::address)
            .toList();
    return new CassandraSettings(
        contactPoints,
        settings.get(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, "datacenter1"),
        settings.get(PlatformEnvironment.CASSANDRA_KEYSPACE, CassandraTables.KEYSPACE),
        settings.getInt(PlatformEnvironment.CASSANDRA_REPLICATION_FACTOR, 1),
        settings.get(PlatformEnvironment.CASSANDRA_USER, ""),
        settings.get(PlatformEnvironment.CASSANDRA_PASSWORD, ""));
  }

  private static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 1) {
      return InetSocketAddress.createUnresolved(hostAndPort, 9042);
    }
    try {
      return new InetSocketAddress(
          hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PlatformEnvironment.CASSANDRA_CONTACT_POINTS
              + " must be host:port[,host:port...], got '"
              + hostAndPort
              + "'",
          e);
    }
  }

  /**
   * A new session (not bound to the keyspace). Requests get a generous timeout: on a small machine
   * Cassandra shares its cores with Spark and the driver's 2 s default times out under load. The
   * caller closes the session; its threads keep the JVM alive otherwise.
   */
  public CqlSession connect() {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(
                DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            .build();
    CqlSessionBuilder builder =
        CqlSession.builder()
            .addContactPoints(contactPoints)
            .withLocalDatacenter(localDatacenter)
            .withConfigLoader(config);
    if (!user.isEmpty()) {
      builder.withAuthCredentials(user, password);
    }
    return builder.build();
  }

  /** Creates the keyspace and tables if they are missing (this job owns the data lake schema). */
  public void applySchema(CqlSession session) {
    for (String statement : CassandraSchema.statements(keyspace, replicationFactor)) {
      session.execute(statement);
    }
  }

  @Override
  public String toString() {
    return "CassandraSettings[" + contactPoints + ", dc=" + localDatacenter + ", " + keyspace + "]";
  }
}
