package io.legerible.contracts;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

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

  /**
   * Spark master for the jobs: {@code local[*]} on one machine, {@code k8s://https://...} on a
   * cluster.
   */
  public static final String SPARK_MASTER = "LEGERIBLE_SPARK_MASTER";

  /** Container image for Spark drivers and executors when the master is {@code k8s://}. */
  public static final String SPARK_IMAGE = "LEGERIBLE_SPARK_IMAGE";

  /** Namespace where Spark creates driver and executor pods. */
  public static final String SPARK_NAMESPACE = "LEGERIBLE_SPARK_NAMESPACE";

  /** Service account the Spark driver runs as (it creates the executor pods). */
  public static final String SPARK_SERVICE_ACCOUNT = "LEGERIBLE_SPARK_SERVICE_ACCOUNT";

  /** Number of Spark executors on a cluster. */
  public static final String SPARK_EXECUTOR_INSTANCES = "LEGERIBLE_SPARK_EXECUTOR_INSTANCES";

  /** Memory of each Spark executor, e.g. {@code 1g}. */
  public static final String SPARK_EXECUTOR_MEMORY = "LEGERIBLE_SPARK_EXECUTOR_MEMORY";

  /** Memory of the Spark driver, e.g. {@code 1g}. */
  public static final String SPARK_DRIVER_MEMORY = "LEGERIBLE_SPARK_DRIVER_MEMORY";

  /** CPU the Spark driver pod requests on Kubernetes, e.g. {@code 250m}. */
  public static final String SPARK_DRIVER_CPU = "LEGERIBLE_SPARK_DRIVER_CPU";

  /** CPU each executor pod requests on Kubernetes, e.g. {@code 500m}; may be below one core. */
  public static final String SPARK_EXECUTOR_CPU = "LEGERIBLE_SPARK_EXECUTOR_CPU";

  /** Tasks each executor runs at once (Spark's executor cores). */
  public static final String SPARK_EXECUTOR_CORES = "LEGERIBLE_SPARK_EXECUTOR_CORES";

  /**
   * The Spark jobs' jar inside {@link #SPARK_IMAGE}, as a {@code local://} URI; default {@code
   * local:///opt/spark/jars/legerible-spark-jobs.jar}.
   */
  public static final String SPARK_APPLICATION_JAR = "LEGERIBLE_SPARK_APPLICATION_JAR";

  /**
   * Driver environment variables taken from Secrets on Kubernetes: {@code
   * VARIABLE=secret-name:key,...} (e.g. {@code
   * LEGERIBLE_POSTGRES_PASSWORD=legerible-postgres:password}); the submitter refuses to put a
   * password into a pod spec as a value.
   */
  public static final String SPARK_SECRET_ENV = "LEGERIBLE_SPARK_SECRET_ENV";

  /**
   * Owner of the Spark driver pod on Kubernetes: {@code apiVersion=...,kind=...,name=...,uid=...};
   * deleting the owner deletes the driver (and with it the executors).
   */
  public static final String SPARK_DRIVER_OWNER = "LEGERIBLE_SPARK_DRIVER_OWNER";

  /**
   * Where the Spark driver and executor pods run: a pod spec in JSON holding only {@code
   * nodeSelector}, {@code tolerations} and {@code priorityClassName}; absent for anywhere.
   */
  public static final String SPARK_POD_PLACEMENT = "LEGERIBLE_SPARK_POD_PLACEMENT";

  /**
   * A file the ranking stream creates once both its queries run and removes when it stops: what a
   * readiness probe checks (optional).
   */
  public static final String RANKING_READY_FILE = "LEGERIBLE_RANKING_READY_FILE";

  /** Where the ranking stream keeps its checkpoint (a durable path). */
  public static final String RANKING_CHECKPOINT_DIR = "LEGERIBLE_RANKING_CHECKPOINT_DIR";

  /** Micro-batch trigger interval of the ranking stream, in seconds. */
  public static final String RANKING_TRIGGER_SECONDS = "LEGERIBLE_RANKING_TRIGGER_SECONDS";

  /** Sliding window length and slide of the windowed loan counts, in minutes: {@code 5,1}. */
  public static final String RANKING_WINDOW_MINUTES = "LEGERIBLE_RANKING_WINDOW_MINUTES";

  /** Scans per second the book feed producer publishes; 0 turns the producer off. */
  public static final String FEED_RATE_PER_SECOND = "LEGERIBLE_FEED_RATE_PER_SECOND";

  /** {@code true} lets the book feed ask Open Library about ISBNs missing from its catalogue. */
  public static final String FEED_OPEN_LIBRARY_ENABLED = "LEGERIBLE_FEED_OPEN_LIBRARY_ENABLED";

  /** Base URL of Open Library, {@code https://openlibrary.org} by default. */
  public static final String FEED_OPEN_LIBRARY_URL = "LEGERIBLE_FEED_OPEN_LIBRARY_URL";

  /** Password of the demo members; generated and logged once when absent. */
  public static final String DEMO_MEMBER_PASSWORD = "LEGERIBLE_DEMO_MEMBER_PASSWORD";

  /** Password of the demo librarian ({@code librarian}); generated and logged once when absent. */
  public static final String DEMO_LIBRARIAN_PASSWORD = "LEGERIBLE_DEMO_LIBRARIAN_PASSWORD";

  /**
   * Which catalogue is loaded on first start: {@code goodbooks-10k}, {@code demo} or {@code none}.
   */
  public static final String CATALOGUE = "LEGERIBLE_CATALOGUE";

  /**
   * Password of the user {@code metrics} that may read the website's {@code /actuator/prometheus}
   * (HTTP Basic); when absent nobody can read the metrics.
   */
  public static final String METRICS_SCRAPE_PASSWORD = "LEGERIBLE_METRICS_SCRAPE_PASSWORD";

  /** Most books one member may hold on loan at once; 10 by default. */
  public static final String MAX_OPEN_LOANS_PER_MEMBER = "LEGERIBLE_MAX_OPEN_LOANS_PER_MEMBER";

  private PlatformEnvironment() {}

  /** Every variable of the contract: the values of this class's constants. */
  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (Field field : PlatformEnvironment.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }
}
