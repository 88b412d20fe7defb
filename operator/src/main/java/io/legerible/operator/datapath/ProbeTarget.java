package io.legerible.operator.datapath;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.LibraryNaming;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a library's probe events go and are read back, with the same settings and credentials its
 * programs get ({@link ConnectionContract}): a probe that cannot log in is a program that cannot.
 */
record ProbeTarget(
    String kafkaBootstrap,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    List<String> cassandraContactPoints,
    String cassandraDatacenter,
    String cassandraKeyspace,
    String cassandraUser,
    String cassandraPassword) {

  /** The target of {@code library}, reading its credential Secrets through {@code client}. */
  static ProbeTarget of(LegeribleLibrary library, KubernetesClient client) {
    var spec = library.getSpec();
    Map<String, String> settings = ConnectionContract.settings(library);
    String namespace = library.getMetadata().getNamespace();
    String postgresUser;
    String postgresPassword;
    if (spec.postgres.managedByOperator()) {
      postgresUser = spec.postgres.managed.user;
      postgresPassword =
          secretValue(
              client,
              namespace,
              LibraryNaming.postgresCredentials(library),
              ConnectionContract.PASSWORD_KEY);
    } else {
      String secret = spec.postgres.external.credentialsSecret;
      postgresUser = secretValue(client, namespace, secret, ConnectionContract.USERNAME_KEY);
      postgresPassword = secretValue(client, namespace, secret, ConnectionContract.PASSWORD_KEY);
    }
    String cassandraUser = "";
    String cassandraPassword = "";
    if (!spec.cassandra.managedByOperator() && spec.cassandra.external.credentialsSecret != null) {
      String secret = spec.cassandra.external.credentialsSecret;
      cassandraUser = secretValue(client, namespace, secret, ConnectionContract.USERNAME_KEY);
      cassandraPassword = secretValue(client, namespace, secret, ConnectionContract.PASSWORD_KEY);
    }
    return new ProbeTarget(
        settings.get(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS),
        settings.get(PlatformEnvironment.POSTGRES_URL),
        postgresUser,
        postgresPassword,
        Arrays.stream(settings.get(PlatformEnvironment.CASSANDRA_CONTACT_POINTS).split(","))
            .map(String::strip)
            .filter(point -> !point.isEmpty())
            .toList(),
        settings.get(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER),
        settings.get(PlatformEnvironment.CASSANDRA_KEYSPACE),
        cassandraUser,
        cassandraPassword);
  }

  /** A Secret's value, or the empty string when the Secret or its key is missing. */
  private static String secretValue(
      KubernetesClient client, String namespace, String name, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return "";
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? ""
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never print the passwords.
    return "ProbeTarget[kafka=" + kafkaBootstrap + ", postgres=" + postgresUrl + "]";
  }
}
