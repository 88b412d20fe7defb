package io.legerible.operator.status;

/** The condition types of a library's status. */
public final class ConditionTypes {

  /** Every component ready for the current generation. */
  public static final String READY = "Ready";

  /** Members can browse, search and loan (the core features work). */
  public static final String AVAILABLE = "Available";

  /** A feature members use is impaired (the message names it and its cause). */
  public static final String DEGRADED = "Degraded";

  /** Every change of the current generation is in effect (else: what is not, and why). */
  public static final String SPEC_APPLIED = "SpecApplied";

  /**
   * Probe events sent on an interval reach PostgreSQL and Cassandra through Kafka and the stream.
   */
  public static final String DATA_PATH_READY = "DataPathReady";

  /** The spec passed the checks the schema cannot express. */
  public static final String VALID = "Valid";

  /** The operator is paused by the spec and changes nothing. */
  public static final String PAUSED = "Paused";

  /** Every workload is scaled to zero, as spec.hibernate asks; claims and Secrets are kept. */
  public static final String HIBERNATED = "Hibernated";

  /** PostgreSQL serves. */
  public static final String POSTGRES_READY = "PostgresReady";

  /** memcached serves. */
  public static final String MEMCACHED_READY = "MemcachedReady";

  /** Kafka serves and the topics exist. */
  public static final String KAFKA_READY = "KafkaReady";

  /** Cassandra serves. */
  public static final String CASSANDRA_READY = "CassandraReady";

  /** The ranking stream, recommendations schedule and book feed run as asked. */
  public static final String ANALYTICS_READY = "AnalyticsReady";

  /** The website serves. */
  public static final String WEBAPP_READY = "WebappReady";

  /** PostgreSQL's backups run and succeed (present only when backups are configured). */
  public static final String POSTGRES_BACKUP_READY = "PostgresBackupReady";

  private ConditionTypes() {}
}
