package io.legerible.operator.dependent.platform;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.CassandraSpec;
import io.legerible.operator.api.KafkaSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.PostgresSpec;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where each backing service is and how to log in, in the {@link PlatformEnvironment} names: the
 * same contract whether a service is managed by the operator or external.
 */
public final class ConnectionContract {

  /** Port PostgreSQL listens on. */
  public static final int POSTGRES_PORT = 5432;

  /** Port memcached listens on. */
  public static final int MEMCACHED_PORT = 11211;

  /** Port of Kafka's client listener. */
  public static final int KAFKA_PORT = 9092;

  /** Port of Kafka's controller listener. */
  public static final int KAFKA_CONTROLLER_PORT = 9093;

  /** Port of Cassandra's native protocol. */
  public static final int CASSANDRA_PORT = 9042;

  /** Secret key of a user name (kubernetes.io/basic-auth). */
  public static final String USERNAME_KEY = "username";

  /** Secret key of a password (kubernetes.io/basic-auth). */
  public static final String PASSWORD_KEY = "password";

  /** The keys of a credentials Secret the programs read: only these roll them when changed. */
  public static final List<String> CREDENTIAL_KEYS = List.of(USERNAME_KEY, PASSWORD_KEY);

  private ConnectionContract() {}

  /** The non-secret settings every program reads, as the platform ConfigMap carries them. */
  public static Map<String, String> settings(LegeribleLibrary library) {
    var spec = library.getSpec();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(PlatformEnvironment.POSTGRES_URL, postgresUrl(library, spec.postgres));
    if (spec.postgres.managedByOperator()) {
      settings.put(PlatformEnvironment.POSTGRES_USER, spec.postgres.managed.user);
    }
    settings.put(
        PlatformEnvironment.MEMCACHED_SERVERS,
        spec.memcached.managedByOperator()
            ? hostPort(LibraryNaming.serviceHost(library, Component.MEMCACHED), MEMCACHED_PORT)
            : String.join(",", spec.memcached.external.endpoints));
    settings.put(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrap(library, spec.kafka));
    CassandraSpec cassandra = spec.cassandra;
    settings.put(
        PlatformEnvironment.CASSANDRA_CONTACT_POINTS, cassandraContactPoints(library, cassandra));
    settings.put(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, cassandra.localDatacenter);
    settings.put(PlatformEnvironment.CASSANDRA_KEYSPACE, cassandra.keyspace);
    settings.put(
        PlatformEnvironment.CASSANDRA_REPLICATION_FACTOR,
        Integer.toString(cassandra.replicationFactor));
    // The stream writes these windows and the website reads them: one value for both.
    var stream = spec.analytics.rankingStream;
    settings.put(
        PlatformEnvironment.RANKING_WINDOW_MINUTES,
        stream.windowMinutes + "," + stream.windowSlideMinutes);
    return settings;
  }

  /** The credentials, each read from its Secret. */
  public static List<EnvVar> credentials(LegeribleLibrary library) {
    var spec = library.getSpec();
    List<EnvVar> env = new ArrayList<>();
    if (spec.postgres.managedByOperator()) {
      env.add(
          fromSecret(
              PlatformEnvironment.POSTGRES_PASSWORD,
              LibraryNaming.postgresCredentials(library),
              PASSWORD_KEY,
              false));
    } else {
      String secret = spec.postgres.external.credentialsSecret;
      env.add(fromSecret(PlatformEnvironment.POSTGRES_USER, secret, USERNAME_KEY, false));
      env.add(fromSecret(PlatformEnvironment.POSTGRES_PASSWORD, secret, PASSWORD_KEY, false));
    }
    if (!spec.cassandra.managedByOperator() && spec.cassandra.external.credentialsSecret != null) {
      String secret = spec.cassandra.external.credentialsSecret;
      env.add(fromSecret(PlatformEnvironment.CASSANDRA_USER, secret, USERNAME_KEY, true));
      env.add(fromSecret(PlatformEnvironment.CASSANDRA_PASSWORD, secret, PASSWORD_KEY, true));
    }
    return env;
  }

  /**
   * Every Secret read through {@link #credentials}, generated or external: their hashes go on the
   * pod template, so a rotated password rolls the programs that read it.
   */
  public static List<String> secretsRead(LegeribleLibrary library) {
    List<String> secrets = new ArrayList<>();
    if (library.getSpec().postgres.managedByOperator()) {
      secrets.add(LibraryNaming.postgresCredentials(library));
    }
    secrets.addAll(externalSecretsRead(library));
    return secrets;
  }

  /** The external services' credential Secrets the library names (the user's, not generated). */
  public static List<String> externalSecretsRead(LegeribleLibrary library) {
    var spec = library.getSpec();
    List<String> secrets = new ArrayList<>();
    if (!spec.postgres.managedByOperator()) {
      secrets.add(spec.postgres.external.credentialsSecret);
    }
    if (!spec.cassandra.managedByOperator() && spec.cassandra.external.credentialsSecret != null) {
      secrets.add(spec.cassandra.external.credentialsSecret);
    }
    return secrets;
  }

  /** An environment variable read from a Secret key. */
  public static EnvVar fromSecret(String name, String secret, String key, boolean optional) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(optional ? Boolean.TRUE : null)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /** Where Kafka clients bootstrap: the external brokers, or the managed controllers' Service. */
  public static String kafkaBootstrap(LegeribleLibrary library, KafkaSpec kafka) {
    if (!kafka.managedByOperator()) {
      return String.join(",", kafka.external.endpoints);
    }
    // The controllers' headless Service: it names every controller, which are also brokers and
    // never change, so adding or removing broker-only nodes rolls no program.
    return hostPort(LibraryNaming.serviceHost(library, Component.KAFKA), KAFKA_PORT);
  }

  private static String cassandraContactPoints(LegeribleLibrary library, CassandraSpec cassandra) {
    if (!cassandra.managedByOperator()) {
      return String.join(",", cassandra.external.endpoints);
    }
    return IntStream.range(0, cassandra.managed.replicas)
        .mapToObj(
            i -> hostPort(LibraryNaming.podHost(library, Component.CASSANDRA, i), CASSANDRA_PORT))
        .collect(Collectors.joining(","));
  }

  private static String postgresUrl(LegeribleLibrary library, PostgresSpec postgres) {
    if (postgres.managedByOperator()) {
      return "jdbc:postgresql://"
          + hostPort(LibraryNaming.serviceHost(library, Component.POSTGRES), POSTGRES_PORT)
          + "/"
          + postgres.managed.database;
    }
    return "jdbc:postgresql://"
        + String.join(",", postgres.external.endpoints)
        + "/"
        + postgres.external.database;
  }

  /** A {@code host:port} of the contract as an address resolved only when connecting. */
  public static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return InetSocketAddress.createUnresolved(
        hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  private static String hostPort(String host, int port) {
    return host + ":" + port;
  }
}
