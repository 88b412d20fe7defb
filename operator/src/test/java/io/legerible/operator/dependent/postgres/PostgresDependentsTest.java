package io.legerible.operator.dependent.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.legerible.operator.api.ComputeResources;
import io.legerible.operator.api.Storage;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContentHash;
import io.legerible.operator.testing.Libraries;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresDependentsTest {

  @Test
  void statefulSetRunsTheDefaultImageWithItsDatabaseUserAndGeneratedPassword() {
    StatefulSet statefulSet =
        new PostgresStatefulSetDependentResource().build(Libraries.city(), Libraries.inputs());

    assertThat(statefulSet.getMetadata().getName()).isEqualTo("legerible-city-postgres");
    assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo("town");
    assertThat(statefulSet.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "legerible-operator")
        .containsEntry("app.kubernetes.io/component", "postgres")
        .containsEntry("app.kubernetes.io/instance", "city");
    assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("legerible-city-postgres");
    assertThat(statefulSet.getSpec().getSelector().getMatchLabels())
        .isEqualTo(
            statefulSet.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                .filter(
                    e ->
                        statefulSet
                            .getSpec()
                            .getSelector()
                            .getMatchLabels()
                            .containsKey(e.getKey()))
                .collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    var container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(DefaultImages.BUILT_IN.postgres());
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "PGDATA");
    assertThat(container.getEnv().get(1).getValue())
        .as("the superuser stays inside the pod; clients use the application's role")
        .isEqualTo("postgres");
    EnvVar password = container.getEnv().get(2);
    assertThat(password.getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("legerible-city-postgres-credentials");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("superuser-password");
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/docker-entrypoint-initdb.d");
              assertThat(m.getName()).isEqualTo("init");
            });
    assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(volume -> volume.getName().equals("init"))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.getSecret().getSecretName())
                  .isEqualTo("legerible-city-postgres-credentials");
              assertThat(volume.getSecret().getItems())
                  .singleElement()
                  .satisfies(item -> assertThat(item.getKey()).isEqualTo("application-role.sql"));
            });
    assertThat(container.getReadinessProbe().getExec().getCommand())
        .last()
        .asString()
        .contains("pg_isready");
    assertThat(statefulSet.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/postgresql/data"));
  }

  @Test
  void claimSizeClassAndRetentionFollowTheSpec() {
    var retained =
        new PostgresStatefulSetDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(retained.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Retain");

    var library =
        Libraries.city(
            spec -> {
              spec.postgres.managed.storage = Storage.ofSize("5Gi");
              spec.postgres.managed.storage.storageClass = "fast";
              spec.postgres.managed.retainOnDelete = false;
              spec.postgres.managed.resources = ComputeResources.of("1", "2Gi");
            });
    var deleted = new PostgresStatefulSetDependentResource().build(library, Libraries.inputs());
    var claim = deleted.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("5Gi"));
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(deleted.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Delete");
    var resources = deleted.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("1"));
    assertThat(resources.getLimits()).containsEntry("memory", new Quantity("2Gi"));
  }

  @Test
  void podTemplateCarriesTheHashOfTheSuperuserPasswordOnceKnown() {
    var withoutHash =
        new PostgresStatefulSetDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(withoutHash.getSpec().getTemplate().getMetadata().getAnnotations()).isEmpty();

    var withHash =
        new PostgresStatefulSetDependentResource()
            .build(
                Libraries.city(),
                Libraries.inputs(
                    Map.of(
                        "legerible-city-postgres-credentials",
                        Map.of("superuser-password", "r00t", "password", "s3cret"))));
    assertThat(withHash.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsExactly(
            Map.entry(
                "legerible.io/hash-postgres-credentials",
                ContentHash.of(Map.of("superuser-password", "r00t"))));
  }

  @Test
  void credentialsSecretHoldsTheUserAndAFreshPassword() {
    var secret = PostgresCredentialsDependentResource.build(Libraries.city(), "s3cret", "r00t");
    assertThat(secret.getMetadata().getName()).isEqualTo("legerible-city-postgres-credentials");
    assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(secret.getStringData())
        .containsEntry("username", "legerible")
        .containsEntry("password", "s3cret")
        .containsEntry("superuser-password", "r00t")
        .containsEntry(
            "application-role.sql",
            "CREATE ROLE \"legerible\" LOGIN PASSWORD 's3cret';\n"
                + "ALTER DATABASE \"legerible\" OWNER TO \"legerible\";\n");
    var first =
        new PostgresCredentialsDependentResource().build(Libraries.city(), Libraries.inputs());
    var second =
        new PostgresCredentialsDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(first.getStringData().get("password"))
        .hasSize(32)
        .isNotEqualTo(second.getStringData().get("password"));
  }

  @Test
  void credentialsOutliveTheLibraryExactlyWhenItsDatabaseClaimDoes() {
    var kept =
        new PostgresCredentialsDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(kept.getMetadata().getOwnerReferences())
        .as("a re-created library finds the password its kept database still uses")
        .isEmpty();
    var library = Libraries.city(spec -> spec.postgres.managed.retainOnDelete = false);
    var owned = new PostgresCredentialsDependentResource().build(library, Libraries.inputs());
    assertThat(owned.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("city"));
  }

  @Test
  void serviceSelectsThePostgresPods() {
    var service =
        new PostgresServiceDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(service.getSpec().getSelector())
        .containsEntry("app.kubernetes.io/component", "postgres")
        .containsEntry("app.kubernetes.io/instance", "city");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
  }
}
