package io.legerible.operator.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.legerible.operator.naming.LibraryNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each object the operator created in one namespace first appeared, seen through watches (a
 * few milliseconds late at most; listing every kind in a loop would be ten times coarser). Objects
 * the controllers create from the operator's (a StatefulSet's claims) do not count.
 */
final class ObjectTimeline implements AutoCloseable {

  private static final List<Class<? extends HasMetadata>> KINDS =
      List.of(
          Secret.class,
          ConfigMap.class,
          Service.class,
          PersistentVolumeClaim.class,
          ServiceAccount.class,
          Role.class,
          RoleBinding.class,
          StatefulSet.class,
          Deployment.class,
          Job.class,
          CronJob.class,
          Ingress.class);

  // The manager of what the controllers write, e.g. a StatefulSet's claims.
  private static final String CONTROLLERS = "kube-controller-manager";

  private final Map<String, Long> appearedAt = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();

  /** Starts watching {@code namespace}; returns once every watch is established. */
  ObjectTimeline(KubernetesClient client, String namespace) {
    for (Class<? extends HasMetadata> kind : KINDS) {
      informers.add(
          client
              .resources(kind)
              .inNamespace(namespace)
              .withLabelSelector(LibraryNaming.MANAGED_SELECTOR)
              .inform(new Recorder<>()));
    }
  }

  /** How many objects the operator created so far. */
  int count() {
    return appearedAt.size();
  }

  /** Waits until at least {@code objects} exist; returns the nanoTime the last of them appeared. */
  long awaitCount(int objects, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (appearedAt.size() < objects) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + appearedAt.size()
                + " of "
                + objects
                + " objects appeared within "
                + within
                + ": "
                + appearedAt.keySet());
      }
      Thread.sleep(5);
    }
    return appearedAt.values().stream().sorted().skip(objects - 1L).findFirst().orElseThrow();
  }

  /** The nanoTime the last object appeared. */
  long lastAppearance() {
    return appearedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  private final class Recorder<T extends HasMetadata> implements ResourceEventHandler<T> {

    @Override
    public void onAdd(T object) {
      long now = System.nanoTime();
      var fields = object.getMetadata().getManagedFields();
      if (fields == null || fields.stream().noneMatch(f -> CONTROLLERS.equals(f.getManager()))) {
        appearedAt.putIfAbsent(object.getKind() + "/" + object.getMetadata().getName(), now);
      }
    }

    @Override
    public void onUpdate(T before, T after) {}

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {}
  }
}
