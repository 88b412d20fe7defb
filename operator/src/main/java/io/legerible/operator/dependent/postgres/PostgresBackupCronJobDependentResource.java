package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedPostgres;
import io.legerible.operator.api.ObjectStore;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.backup.ObjectStoreBackups;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's backup schedule: {@code pg_dump} on the database's own image (so client and server
 * versions match), onto the backups claim, then, when an object store is set, copied there by the
 * operator's image. Suspended while the library hibernates: the database is scaled to zero then.
 */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres-backup"))
public class PostgresBackupCronJobDependentResource extends LibraryDependentResource<CronJob> {

  /** Creates the dependent. */
  public PostgresBackupCronJobDependentResource() {
    super(CronJob.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.POSTGRES_BACKUP);
  }

  @Override
  public CronJob build(LegeribleLibrary library, DesiredInputs inputs) {
    ManagedPostgres postgres = library.getSpec().postgres.managed;
    PostgresBackup backup = postgres.backup;
    CronJob cronJob =
        Skeleton.load(
            getClass(),
            "backup-cronjob.yaml",
            CronJob.class,
            library,
            Component.POSTGRES_BACKUP,
            name(library));
    cronJob.getSpec().setSchedule(backup.schedule);
    cronJob.getSpec().setSuspend(Hibernation.suspended(library, backup.suspend));
    var jobTemplate = cronJob.getSpec().getJobTemplate();
    jobTemplate.setMetadata(new ObjectMeta());
    jobTemplate.getMetadata().setLabels(LibraryNaming.labels(library, Component.POSTGRES_BACKUP));
    var template =
        PodTemplates.label(jobTemplate.getSpec().getTemplate(), library, Component.POSTGRES_BACKUP);
    // Where the database runs, so a node-local backups volume and the database share the node.
    PodPlacement.apply(template.getSpec(), postgres.placement);
    var container = PodTemplates.container(template, "backup");
    container.setImage(DefaultImages.orDefault(postgres.image, inputs.images().postgres()));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    env.addAll(PostgresCredentialsDependentResource.superuserClient(library));
    env.add(new EnvVar("BACKUP_RETAIN", Integer.toString(backup.retain), null));
    container.setEnv(env);
    template.getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals("backups"))
        .forEach(
            volume ->
                volume
                    .getPersistentVolumeClaim()
                    .setClaimName(LibraryNaming.postgresBackups(library)));
    if (backup.objectStore != null) {
      copyToObjectStore(template.getSpec(), library, backup.objectStore, inputs);
    }
    return cronJob;
  }

  /**
   * The dump becomes the first step (an init container) and the copy the second: the dump hands its
   * {@code <file> <bytes>} over through a small scratch volume instead of its termination message,
   * and the copy reports {@code <file> <bytes> s3://<bucket>/<key>}.
   */
  private static void copyToObjectStore(
      PodSpec pod, LegeribleLibrary library, ObjectStore store, DesiredInputs inputs) {
    var dump = pod.getContainers().remove(0);
    dump.getEnv().add(new EnvVar("TERMINATION_LOG", HANDOFF_DIR + "/dumped", null));
    dump.getVolumeMounts().add(PodTemplates.mount(HANDOFF, HANDOFF_DIR, false));
    pod.getInitContainers().add(dump);
    pod.getVolumes()
        .add(
            new VolumeBuilder()
                .withName(HANDOFF)
                .withNewEmptyDir()
                .withSizeLimit(new Quantity("1Mi"))
                .endEmptyDir()
                .build());
    var backups =
        dump.getVolumeMounts().stream()
            .filter(volumeMount -> volumeMount.getName().equals("backups"))
            .findFirst()
            .orElseThrow();
    pod.getContainers()
        .add(
            BackupObjectStore.container(
                UPLOAD_CONTAINER,
                "upload",
                inputs.images().operator(),
                store,
                library,
                List.of(
                    new EnvVar(ObjectStoreBackups.BACKUP_DIR_ENV, backups.getMountPath(), null),
                    new EnvVar(
                        ObjectStoreBackups.RETAIN_ENV,
                        Integer.toString(library.getSpec().postgres.managed.backup.retain),
                        null),
                    new EnvVar(ObjectStoreBackups.DUMPED_ENV, HANDOFF_DIR + "/dumped", null)),
                List.of(
                    PodTemplates.mount(backups.getName(), backups.getMountPath(), true),
                    PodTemplates.mount(HANDOFF, HANDOFF_DIR, true))));
  }

  /** The container copying the dump to the object store. */
  public static final String UPLOAD_CONTAINER = "upload";

  private static final String HANDOFF = "handoff";
  private static final String HANDOFF_DIR = "/handoff";
}
