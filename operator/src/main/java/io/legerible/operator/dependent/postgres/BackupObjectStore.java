package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ObjectStore;
import io.legerible.operator.backup.ObjectStoreBackups;
import io.legerible.operator.dependent.platform.ConnectionContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The containers that copy backups to an object store and fetch one back: {@link
 * ObjectStoreBackups} run from the operator's own image, with a bucket's settings in their
 * environment.
 */
final class BackupObjectStore {

  /** The operator image's classpath, as jib writes it. */
  private static final String CLASSPATH = "@/app/jib-classpath-file";

  private BackupObjectStore() {}

  /** The folder of {@code library}'s dumps in {@code store}: its own, else namespace/library/. */
  static String prefix(ObjectStore store, LegeribleLibrary library) {
    return store.prefix != null
        ? store.prefix
        : library.getMetadata().getNamespace() + "/" + library.getMetadata().getName() + "/";
  }

  /** The folder as the status and messages name it: s3://bucket/prefix. */
  static String location(ObjectStore store, LegeribleLibrary library) {
    return "s3://" + store.bucket + "/" + prefix(store, library);
  }

  /**
   * A container running {@code mode} ({@code upload} or {@code fetch}) against {@code store}, with
   * {@code env} besides the store's settings.
   */
  static Container container(
      String name,
      String mode,
      String image,
      ObjectStore store,
      LegeribleLibrary library,
      List<EnvVar> env,
      List<VolumeMount> mounts) {
    List<EnvVar> all = new ArrayList<>();
    if (store.endpoint != null) {
      all.add(new EnvVar(ObjectStoreBackups.ENDPOINT_ENV, store.endpoint, null));
    }
    all.add(new EnvVar(ObjectStoreBackups.REGION_ENV, store.region, null));
    all.add(new EnvVar(ObjectStoreBackups.BUCKET_ENV, store.bucket, null));
    all.add(new EnvVar(ObjectStoreBackups.PREFIX_ENV, prefix(store, library), null));
    all.add(
        new EnvVar(
            ObjectStoreBackups.PATH_STYLE_ENV, Boolean.toString(store.usesPathStyle()), null));
    if (store.credentialsSecret != null) {
      all.add(
          ConnectionContract.fromSecret(
              ObjectStoreBackups.ACCESS_KEY_ID_ENV,
              store.credentialsSecret,
              ObjectStore.ACCESS_KEY_ID_KEY,
              false));
      all.add(
          ConnectionContract.fromSecret(
              ObjectStoreBackups.SECRET_ACCESS_KEY_ENV,
              store.credentialsSecret,
              ObjectStore.SECRET_ACCESS_KEY_KEY,
              false));
    }
    all.addAll(env);
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withCommand(
            "java",
            // A read-only root: no performance data files; a small heap for one stream.
            "-XX:-UsePerfData",
            "-XX:MaxRAMPercentage=60",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            CLASSPATH,
            ObjectStoreBackups.class.getName(),
            mode)
        .withEnv(all)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")))
        .withLimits(Map.of("memory", new Quantity("256Mi")))
        .endResources()
        .withVolumeMounts(mounts)
        .build();
  }
}
