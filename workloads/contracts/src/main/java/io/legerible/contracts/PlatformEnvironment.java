package io.legerible.contracts;

/**
 * The configuration contract between whoever runs a process (the operator on Kubernetes, the local
 * platform on one machine) and the process itself: environment variable names, one source for both
 * sides.
 */
public final class PlatformEnvironment {

  /** JDBC URL of the library database, e.g. {@code jdbc:postgresql://host:5432/legerible}. */
  public static final String POSTGRES_URL = "LEGERIBLE_POSTGRES_URL";

  /** Database user name. */
  public static final String POSTGRES_USER = "LEGERIBLE_POSTGRES_USER";

  /** Database password (from a Secret on Kubernetes). */
  public static final String POSTGRES_PASSWORD = "LEGERIBLE_POSTGRES_PASSWORD";

  /** memcached servers, comma-separated {@code host:port}. */
  public static final String MEMCACHED_SERVERS = "LEGERIBLE_MEMCACHED_SERVERS";

  /** Kafka bootstrap servers, comma-separated {@code host:port}. */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "LEGERIBLE_KAFKA_BOOTSTRAP_SERVERS";

  /** Cassandra contact points, comma-separated {@code host:port}. */
  public static final String CASSANDRA_CONTACT_POINTS = "LEGERIBLE_CASSANDRA_CONTACT_POINTS";

  /** Cassandra local datacenter name, {@code datacenter1} for a single node. */
  public static final String CASSANDRA_LOCAL_DATACENTER = "LEGERIBLE_CASSANDRA_LOCAL_DATACENTER";

  /** Cassandra keyspace, {@link CassandraTables#KEYSPACE} by default. */
  public static final String CASSANDRA_KEYSPACE = "LEGERIBLE_CASSANDRA_KEYSPACE";

  /** Replication factor used when the keyspace is created. */
  public static final String CASSANDRA_REPLICATION_FACTOR =
      "LEGERIBLE_CASSANDRA_REPLICATION_FACTOR";

  /** Cassandra user name; empty when authentication is off. */
  public static final String CASSANDRA_USER = "LEGERIBLE_CASSANDRA_USER";

  /** Cassandra password; empty when authentication is off. */
  public static final String CASSANDRA_PASSWORD = "LEGERIBLE_CASSANDRA_PASSWORD";

  private PlatformEnvironment() {}
}
