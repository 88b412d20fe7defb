package io.legerible.operator.dependent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.ExternalService;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionContractTest {

  @Test
  void managedServicesAreReachedThroughTheirServicesInTheLibrarysNamespace() {
    var configMap =
        new PlatformConfigMapDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(configMap.getMetadata().getName()).isEqualTo("legerible-city-platform");
    assertThat(configMap.getData())
        .containsEntry(
            PlatformEnvironment.POSTGRES_URL,
            "jdbc:postgresql://legerible-city-postgres.town.svc:5432/legerible")
        .containsEntry(PlatformEnvironment.POSTGRES_USER, "legerible")
        .containsEntry(
            PlatformEnvironment.MEMCACHED_SERVERS, "legerible-city-memcached.town.svc:11211")
        .containsEntry(
            PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, "legerible-city-kafka.town.svc:9092")
        .containsEntry(
            PlatformEnvironment.CASSANDRA_CONTACT_POINTS,
            "legerible-city-cassandra-0.legerible-city-cassandra.town.svc:9042")
        .containsEntry(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER, "datacenter1")
        .containsEntry(PlatformEnvironment.CASSANDRA_KEYSPACE, "legerible")
        .containsEntry(PlatformEnvironment.CASSANDRA_REPLICATION_FACTOR, "1");
    assertThat(ConnectionContract.credentials(Libraries.city()))
        .singleElement()
        .satisfies(
            env -> {
              assertThat(env.getName()).isEqualTo(PlatformEnvironment.POSTGRES_PASSWORD);
              assertThat(env.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("legerible-city-postgres-credentials");
            });
  }

  @Test
  void externalServicesAreReachedAtTheirEndpointsWithTheUsersSecret() {
    var library =
        Libraries.city(
            spec -> {
              Libraries.useExternalPostgres(spec, "db-login");
              spec.cassandra.managed = null;
              spec.cassandra.external = new ExternalService();
              spec.cassandra.external.endpoints =
                  List.of("c1.example.org:9042", "c2.example.org:9042");
              spec.cassandra.external.credentialsSecret = "cassandra-login";
            });
    var data = ConnectionContract.settings(library);
    assertThat(data)
        .containsEntry(
            PlatformEnvironment.POSTGRES_URL, "jdbc:postgresql://db.example.org:5432/library")
        .doesNotContainKey(PlatformEnvironment.POSTGRES_USER)
        .containsEntry(
            PlatformEnvironment.CASSANDRA_CONTACT_POINTS,
            "c1.example.org:9042,c2.example.org:9042");
    assertThat(ConnectionContract.credentials(library))
        .extracting(
            EnvVar::getName,
            e -> e.getValueFrom().getSecretKeyRef().getName(),
            e -> e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                PlatformEnvironment.POSTGRES_USER, "db-login", "username"),
            org.assertj.core.groups.Tuple.tuple(
                PlatformEnvironment.POSTGRES_PASSWORD, "db-login", "password"),
            org.assertj.core.groups.Tuple.tuple(
                PlatformEnvironment.CASSANDRA_USER, "cassandra-login", "username"),
            org.assertj.core.groups.Tuple.tuple(
                PlatformEnvironment.CASSANDRA_PASSWORD, "cassandra-login", "password"));
    assertThat(ConnectionContract.secretsRead(library))
        .containsExactly("db-login", "cassandra-login");
  }
}
