package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedPostgres;
import io.legerible.operator.api.PostgresRestore;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.StatefulSetWithClaimsDependentResource;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server: a one-replica StatefulSet with its data on a claim, restored from a backup
 * when it is created with {@code restoreFrom}.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresStatefulSetDependentResource extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public PostgresStatefulSetDependentResource() {
    super(Component.POSTGRES);
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    ManagedPostgres postgres = library.getSpec().postgres.managed;
    StatefulSet statefulSet =
        Skeleton.load(
            getClass(),
            "statefulset.yaml",
            StatefulSet.class,
            library,
            Component.POSTGRES,
            name(library));
    StatefulSets.identify(statefulSet, library, Component.POSTGRES, 1);
    StatefulSets.claims(
        statefulSet, library, Component.POSTGRES, postgres.storage, postgres.retainOnDelete);
    var template = statefulSet.getSpec().getTemplate();
    var container = PodTemplates.container(template, "postgres");
    container.setImage(DefaultImages.orDefault(postgres.image, inputs.images().postgres()));
    String secret = LibraryNaming.postgresCredentials(library);
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("POSTGRES_DB", postgres.database, null));
    env.add(new EnvVar("POSTGRES_USER", PostgresCredentialsDependentResource.SUPERUSER, null));
    env.add(
        ConnectionContract.fromSecret(
            "POSTGRES_PASSWORD",
            secret,
            PostgresCredentialsDependentResource.SUPERUSER_PASSWORD_KEY,
            false));
    env.addAll(container.getEnv());
    container.setEnv(env);
    ContainerResources.apply(container, postgres.resources);
    PodPlacement.apply(template.getSpec(), postgres.placement);
    template.getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals("init"))
        .forEach(volume -> volume.getSecret().setSecretName(secret));
    if (postgres.restoreFrom != null) {
      restoreFrom(template, container, library, inputs);
    }
    // The server reads only the superuser's password; the application's role lives in the
    // database, so rotating its password must not restart the server.
    Map<String, String> hashes = new LinkedHashMap<>();
    inputs
        .secretHash(secret, List.of(PostgresCredentialsDependentResource.SUPERUSER_PASSWORD_KEY))
        .ifPresent(hash -> hashes.put(secret, hash));
    PodTemplates.annotateHashes(template, library, hashes);
    return statefulSet;
  }

  /**
   * Wires {@code restoreFrom}: the backups claim read-only (or, from an object store, a scratch
   * volume the dump is fetched into first, on an empty data directory only), the restore script
   * after the role's in the initialization hook (which runs on an empty data directory only), and a
   * check before the server starts that stops the pod, saying why, when the dump is missing or an
   * earlier restore did not complete: never a database that starts empty in its place.
   */
  private static void restoreFrom(
      PodTemplateSpec template,
      Container container,
      LegeribleLibrary library,
      DesiredInputs inputs) {
    PostgresRestore restore = library.getSpec().postgres.managed.restoreFrom;
    String scripts = LibraryNaming.postgresRestore(library);
    String source =
        restore.objectStore != null
            ? BackupObjectStore.location(restore.objectStore, library)
            : "claim " + restore.claim;
    List<EnvVar> env =
        List.of(
            new EnvVar("BACKUP_DIR", BACKUP_DIR, null),
            new EnvVar("RESTORE_SOURCE", source, null),
            new EnvVar("RESTORE_BACKUP", restore.backup, null),
            new EnvVar("RESTORE_ROLE", library.getSpec().postgres.managed.user, null));
    container.getEnv().addAll(env);
    VolumeMount backups = PodTemplates.mount("backups", BACKUP_DIR, true);
    container.getVolumeMounts().add(backups);
    var volumes = template.getSpec().getVolumes();
    Volume init =
        volumes.stream()
            .filter(volume -> volume.getName().equals("init"))
            .findFirst()
            .orElseThrow();
    // The role's script as the skeleton projects it, and the restore after it (name order).
    init.setProjected(
        new ProjectedVolumeSourceBuilder()
            .addNewSource()
            .withNewSecret()
            .withName(init.getSecret().getSecretName())
            .withItems(init.getSecret().getItems())
            .endSecret()
            .endSource()
            .addNewSource()
            .withNewConfigMap()
            .withName(scripts)
            .addNewItem()
            .withKey(PostgresRestoreScriptsDependentResource.RESTORE_SCRIPT_KEY)
            .withPath("20-restore.sh")
            .endItem()
            .endConfigMap()
            .endSource()
            .build());
    init.setSecret(null);
    volumes.add(
        restore.objectStore != null
            ? new VolumeBuilder().withName("backups").withNewEmptyDir().endEmptyDir().build()
            : new VolumeBuilder()
                .withName("backups")
                .withNewPersistentVolumeClaim(restore.claim, true)
                .build());
    volumes.add(
        new VolumeBuilder()
            .withName("restore-scripts")
            .withNewConfigMap()
            .withName(scripts)
            .endConfigMap()
            .build());
    List<EnvVar> checkEnv = new ArrayList<>();
    container.getEnv().stream()
        .filter(variable -> variable.getName().equals("PGDATA"))
        .forEach(checkEnv::add);
    checkEnv.addAll(env);
    Container check =
        new ContainerBuilder()
            .withName("restore-check")
            .withImage(container.getImage())
            .withCommand(
                "sh", "/restore/" + PostgresRestoreScriptsDependentResource.CHECK_SCRIPT_KEY)
            .withEnv(checkEnv)
            .withSecurityContext(container.getSecurityContext())
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
            .withLimits(Map.of("memory", new Quantity("64Mi")))
            .endResources()
            .withVolumeMounts(
                PodTemplates.mount("data", "/var/lib/postgresql/data", false),
                backups,
                PodTemplates.mount("restore-scripts", "/restore", true))
            .build();
    if (restore.objectStore != null) {
      template
          .getSpec()
          .getInitContainers()
          .add(
              BackupObjectStore.container(
                  "restore-fetch",
                  "fetch",
                  inputs.images().operator(),
                  restore.objectStore,
                  library,
                  checkEnv,
                  List.of(
                      PodTemplates.mount("data", "/var/lib/postgresql/data", true),
                      PodTemplates.mount("backups", BACKUP_DIR, false))));
    }
    template.getSpec().getInitContainers().add(check);
  }

  /** Where the database pod mounts the backups claim it restores from. */
  private static final String BACKUP_DIR = "/backups";
}
