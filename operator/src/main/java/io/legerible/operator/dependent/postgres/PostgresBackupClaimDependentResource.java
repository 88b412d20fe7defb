package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.Storage;
import io.legerible.operator.dependent.KeptWithDataDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/**
 * The claim PostgreSQL's backups are written to. Always kept on deletion: backups exist to outlive
 * the database, so a library deleted with its data can be restored into a new one. Created once: a
 * claim's size and class cannot change in place.
 */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres-backup"))
public class PostgresBackupClaimDependentResource
    extends KeptWithDataDependentResource<PersistentVolumeClaim> {

  /** Creates the dependent. */
  public PostgresBackupClaimDependentResource() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.postgresBackups(library);
  }

  @Override
  protected boolean keptOnDelete(LegeribleLibrary library) {
    return true;
  }

  @Override
  protected PersistentVolumeClaim generate(LegeribleLibrary library) {
    Storage storage = library.getSpec().postgres.managed.backup.storage;
    PersistentVolumeClaim claim =
        Skeleton.load(
            getClass(),
            "backup-claim.yaml",
            PersistentVolumeClaim.class,
            library,
            Component.POSTGRES_BACKUP,
            name(library));
    claim.getSpec().getResources().setRequests(Map.of("storage", new Quantity(storage.size)));
    if (storage.storageClass != null && !storage.storageClass.isBlank()) {
      claim.getSpec().setStorageClassName(storage.storageClass);
    }
    return claim;
  }
}
