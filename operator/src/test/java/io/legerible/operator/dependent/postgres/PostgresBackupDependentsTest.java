package io.legerible.operator.dependent.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ObjectStore;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.api.PostgresRestore;
import io.legerible.operator.api.Storage;
import io.legerible.operator.backup.ObjectStoreBackups;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.testing.Libraries;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PostgresBackupDependentsTest {

  static LegeribleLibrary backedUp() {
    return Libraries.city(
        spec -> {
          spec.postgres.managed.backup = new PostgresBackup();
          spec.postgres.managed.backup.schedule = "30 2 * * *";
          spec.postgres.managed.backup.retain = 3;
          spec.postgres.managed.backup.storage = Storage.ofSize("5Gi");
          spec.postgres.managed.backup.storage.storageClass = "standard";
        });
  }

  /** The pod of {@code library}'s backup runs, as the CronJob's template gives it. */
  static PodSpec backupPod(LegeribleLibrary library) {
    return new PostgresBackupCronJobDependentResource()
        .build(library, Libraries.inputs())
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  @Test
  void cronJobDumpsTheDatabaseAsTheSuperuserThroughTheServiceOntoTheBackupsClaim() {
    CronJob cronJob =
        new PostgresBackupCronJobDependentResource().build(backedUp(), Libraries.inputs());

    assertThat(cronJob.getMetadata().getName()).isEqualTo("legerible-city-postgres-backup");
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "postgres-backup");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getSuspend()).isFalse();
    var template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "postgres-backup")
        .containsEntry("app.kubernetes.io/instance", "city");
    var container = PodTemplates.container(template, "backup");
    assertThat(container.getImage())
        .as("pg_dump of the server's own version")
        .isEqualTo(DefaultImages.BUILT_IN.postgres());
    assertThat(container.getArgs().get(0))
        .contains("pg_dump --format=custom")
        .contains("mv \"$dir/.$name.partial\" \"$dir/$name\"")
        .contains("/dev/termination-log");
    Map<String, EnvVar> env =
        container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    assertThat(env.get("PGHOST").getValue()).isEqualTo("legerible-city-postgres.town.svc");
    assertThat(env.get("PGUSER").getValue()).isEqualTo("postgres");
    assertThat(env.get("PGDATABASE").getValue()).isEqualTo("legerible");
    assertThat(env.get("BACKUP_RETAIN").getValue()).isEqualTo("3");
    assertThat(env.get("PGPASSWORD").getValueFrom().getSecretKeyRef())
        .satisfies(
            ref -> {
              assertThat(ref.getName()).isEqualTo("legerible-city-postgres-credentials");
              assertThat(ref.getKey()).isEqualTo("superuser-password");
            });
    assertThat(template.getSpec().getVolumes())
        .singleElement()
        .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName())
        .isEqualTo("legerible-city-postgres-backups");
    assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void withAnObjectStoreTheDumpRunsFirstAndTheOperatorImageCopiesItToTheBucket() {
    LegeribleLibrary library = backedUp();
    library.getSpec().postgres.managed.backup.objectStore =
        ObjectStore.of("http://minio.storage.svc:9000", "library-backups", "backup-bucket-keys");

    PodSpec pod = backupPod(library);

    var dump = pod.getInitContainers().get(0);
    assertThat(pod.getInitContainers()).hasSize(1);
    assertThat(dump.getName()).isEqualTo("backup");
    assertThat(dump.getImage()).isEqualTo(DefaultImages.BUILT_IN.postgres());
    assertThat(dump.getEnv())
        .as("the dump hands <file> <bytes> to the copy instead of reporting it")
        .contains(new EnvVar("TERMINATION_LOG", "/handoff/dumped", null));
    var upload = pod.getContainers().get(0);
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(upload.getName()).isEqualTo("upload");
    assertThat(upload.getImage()).isEqualTo(DefaultImages.BUILT_IN.operator());
    assertThat(upload.getCommand())
        .startsWith("java")
        .containsSequence("-cp", "@/app/jib-classpath-file", ObjectStoreBackups.class.getName())
        .endsWith("upload");
    Map<String, EnvVar> env =
        upload.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    assertThat(env.get("OBJECT_STORE_ENDPOINT").getValue())
        .isEqualTo("http://minio.storage.svc:9000");
    assertThat(env.get("OBJECT_STORE_BUCKET").getValue()).isEqualTo("library-backups");
    assertThat(env.get("OBJECT_STORE_PREFIX").getValue())
        .as("libraries sharing a bucket each keep to their folder")
        .isEqualTo("town/city/");
    assertThat(env.get("OBJECT_STORE_PATH_STYLE").getValue()).isEqualTo("true");
    assertThat(env.get("OBJECT_STORE_REGION").getValue()).isEqualTo("us-east-1");
    assertThat(env.get("BACKUP_RETAIN").getValue()).isEqualTo("3");
    assertThat(env.get("BACKUP_DUMPED").getValue()).isEqualTo("/handoff/dumped");
    assertThat(env.get("AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef())
        .extracting(ref -> ref.getName() + "/" + ref.getKey())
        .isEqualTo("backup-bucket-keys/access-key-id");
    assertThat(env.get("AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef())
        .extracting(ref -> ref.getName() + "/" + ref.getKey())
        .isEqualTo("backup-bucket-keys/secret-access-key");
    assertThat(upload.getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getReadOnly)
        .containsExactlyInAnyOrder(tuple("backups", true), tuple("handoff", true));
    assertThat(upload.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getVolumes()).extracting(Volume::getName).contains("backups", "handoff");
  }

  @Test
  void scheduleIsSuspendedWhileTheLibraryHibernatesOrWhenAskedTo() {
    LegeribleLibrary hibernating = backedUp();
    hibernating.getSpec().hibernate = true;
    LegeribleLibrary suspended = backedUp();
    suspended.getSpec().postgres.managed.backup.suspend = true;

    for (LegeribleLibrary library : new LegeribleLibrary[] {hibernating, suspended}) {
      assertThat(
              new PostgresBackupCronJobDependentResource()
                  .build(library, Libraries.inputs())
                  .getSpec()
                  .getSuspend())
          .isTrue();
    }
  }

  @Test
  void backupsClaimIsNeverOwnedByTheLibrarySoItOutlivesIt() {
    LegeribleLibrary library = backedUp();
    library.getSpec().postgres.managed.retainOnDelete = false;

    PersistentVolumeClaim claim =
        new PostgresBackupClaimDependentResource().build(library, Libraries.inputs());

    assertThat(claim.getMetadata().getName()).isEqualTo("legerible-city-postgres-backups");
    assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(claim.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "city")
        .containsEntry("app.kubernetes.io/component", "postgres-backup");
    assertThat(claim.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("5Gi"));
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");
  }

  @Test
  void restoreMountsTheClaimReadOnlyAndRunsTheRestoreAfterTheRoleScriptBehindACheck() {
    LegeribleLibrary library =
        Libraries.city(
            spec ->
                spec.postgres.managed.restoreFrom =
                    PostgresRestore.of("legerible-old-postgres-backups", "20261205T030000Z.dump"));

    StatefulSet statefulSet =
        new PostgresStatefulSetDependentResource().build(library, Libraries.inputs());

    var pod = statefulSet.getSpec().getTemplate().getSpec();
    Map<String, Volume> volumes =
        pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, Function.identity()));
    assertThat(volumes.get("backups").getPersistentVolumeClaim().getClaimName())
        .isEqualTo("legerible-old-postgres-backups");
    assertThat(volumes.get("backups").getPersistentVolumeClaim().getReadOnly()).isTrue();
    var sources = volumes.get("init").getProjected().getSources();
    assertThat(sources)
        .extracting(VolumeProjection::getSecret)
        .filteredOn(secret -> secret != null)
        .singleElement()
        .satisfies(
            secret -> {
              assertThat(secret.getName()).isEqualTo("legerible-city-postgres-credentials");
              assertThat(secret.getItems().get(0).getPath()).isEqualTo("10-application-role.sql");
            });
    assertThat(sources)
        .extracting(VolumeProjection::getConfigMap)
        .filteredOn(configMap -> configMap != null)
        .singleElement()
        .satisfies(
            configMap -> {
              assertThat(configMap.getName()).isEqualTo("legerible-city-postgres-restore");
              assertThat(configMap.getItems().get(0).getPath())
                  .as("after the role's script: the entrypoint runs them in name order")
                  .isEqualTo("20-restore.sh");
            });
    var postgres = PodTemplates.container(statefulSet.getSpec().getTemplate(), "postgres");
    assertThat(postgres.getVolumeMounts())
        .filteredOn(mount -> mount.getName().equals("backups"))
        .singleElement()
        .extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly("/backups", true);
    Map<String, String> env =
        postgres.getEnv().stream()
            .filter(variable -> variable.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("RESTORE_SOURCE", "claim legerible-old-postgres-backups")
        .containsEntry("RESTORE_BACKUP", "20261205T030000Z.dump")
        .containsEntry("RESTORE_ROLE", "legerible")
        .containsEntry("BACKUP_DIR", "/backups");
    assertThat(pod.getInitContainers())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.getName()).isEqualTo("restore-check");
              assertThat(check.getImage()).isEqualTo(postgres.getImage());
              assertThat(check.getCommand()).containsExactly("sh", "/restore/check.sh");
              assertThat(check.getEnv())
                  .extracting(EnvVar::getName)
                  .contains("PGDATA", "RESTORE_BACKUP", "RESTORE_SOURCE", "BACKUP_DIR");
              assertThat(check.getVolumeMounts())
                  .extracting(VolumeMount::getName)
                  .containsExactlyInAnyOrder("data", "backups", "restore-scripts");
              assertThat(check.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            });
  }

  @Test
  void restoreFromAnObjectStoreFetchesTheDumpIntoAScratchVolumeBeforeTheCheck() {
    ObjectStore store = ObjectStore.of(null, "library-backups", null);
    store.prefix = "town/old-city/";
    LegeribleLibrary library =
        Libraries.city(
            spec ->
                spec.postgres.managed.restoreFrom =
                    PostgresRestore.of(store, "20261205T030000Z.dump"));

    var pod =
        new PostgresStatefulSetDependentResource()
            .build(library, Libraries.inputs())
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getInitContainers())
        .extracting(container -> container.getName())
        .containsExactly("restore-fetch", "restore-check");
    var fetch = pod.getInitContainers().get(0);
    assertThat(fetch.getImage()).isEqualTo(DefaultImages.BUILT_IN.operator());
    assertThat(fetch.getCommand()).endsWith("fetch");
    Map<String, String> env =
        fetch.getEnv().stream()
            .filter(variable -> variable.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("OBJECT_STORE_BUCKET", "library-backups")
        .containsEntry("OBJECT_STORE_PREFIX", "town/old-city/")
        .containsEntry("OBJECT_STORE_PATH_STYLE", "false")
        .containsEntry("RESTORE_BACKUP", "20261205T030000Z.dump")
        .containsEntry("BACKUP_DIR", "/backups")
        .containsKey("PGDATA")
        .doesNotContainKeys("OBJECT_STORE_ENDPOINT", "AWS_ACCESS_KEY_ID");
    assertThat(fetch.getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getReadOnly)
        .containsExactlyInAnyOrder(tuple("data", true), tuple("backups", null));
    assertThat(
            pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals("backups"))
                .findFirst()
                .orElseThrow()
                .getEmptyDir())
        .isNotNull();
    var postgres = pod.getContainers().get(0);
    assertThat(postgres.getEnv())
        .contains(new EnvVar("RESTORE_SOURCE", "s3://library-backups/town/old-city/", null));
  }

  @Test
  void withoutRestoreTheDatabasePodIsUnchanged() {
    var pod =
        new PostgresStatefulSetDependentResource()
            .build(backedUp(), Libraries.inputs())
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("backups");
    assertThat(pod.getVolumes())
        .filteredOn(volume -> volume.getName().equals("init"))
        .singleElement()
        .extracting(volume -> volume.getSecret().getSecretName())
        .isEqualTo("legerible-city-postgres-credentials");
  }

  @Test
  void restoreScriptsComeFromOneConfigMapOfTheLibrary() {
    var configMap =
        new PostgresRestoreScriptsDependentResource().build(Libraries.city(), Libraries.inputs());

    assertThat(configMap.getMetadata().getName()).isEqualTo("legerible-city-postgres-restore");
    assertThat(configMap.getData()).containsOnlyKeys("check.sh", "restore.sh");
    assertThat(configMap.getData().get("restore.sh"))
        .contains("--single-transaction", "--exit-on-error", "--role \"$RESTORE_ROLE\"");
  }
}
