package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/**
 * The scripts that restore a new database from {@code restoreFrom}: a check before the server
 * starts, and the restore the image's initialization hook runs. Their inputs come from the database
 * container's environment, so the ConfigMap is the same for every library.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresRestoreScriptsDependentResource extends LibraryDependentResource<ConfigMap> {

  /** Key of the check run before the server starts. */
  public static final String CHECK_SCRIPT_KEY = "check.sh";

  /** Key of the restore the initialization hook runs. */
  public static final String RESTORE_SCRIPT_KEY = "restore.sh";

  /** Creates the dependent. */
  public PostgresRestoreScriptsDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.postgresRestore(library);
  }

  @Override
  public ConfigMap build(LegeribleLibrary library, DesiredInputs inputs) {
    return Skeleton.load(
        getClass(),
        "restore-configmap.yaml",
        ConfigMap.class,
        library,
        Component.POSTGRES,
        name(library));
  }
}
