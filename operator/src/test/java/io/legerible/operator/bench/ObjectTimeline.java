package io.legerible.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.testkit.kubernetes.LabelledObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each object the operator created first appeared, per namespace, seen through one watch per
 * kind (a few milliseconds late at most; listing every kind in a loop would be ten times coarser).
 * Objects the controllers create from the operator's (a StatefulSet's claims) do not count.
 */
final class ObjectTimeline implements AutoCloseable {

  // The manager of what the controllers write, e.g. a StatefulSet's claims.
  private static final String CONTROLLERS = "kube-controller-manager";

  private final Map<String, Map<String, Long>> appearedAt = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();

  /** Starts watching every namespace; returns once every watch is established. */
  ObjectTimeline(KubernetesClient client) {
    for (Class<? extends HasMetadata> kind : LabelledObjects.KINDS) {
      informers.add(
          client
              .resources(kind)
              .inAnyNamespace()
              .withLabelSelector(LibraryNaming.MANAGED_SELECTOR)
              .inform(new Recorder<>()));
    }
  }

  /** How many objects the operator created in {@code namespace} so far. */
  int count(String namespace) {
    return in(namespace).size();
  }

  /**
   * Waits until at least {@code objects} exist in each of {@code namespaces}, checking {@code
   * operator} is still running; returns the nanoTime the last of them appeared.
   */
  long awaitCount(List<String> namespaces, int objects, Duration within, OperatorProcess operator)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    long last = 0;
    for (String namespace : namespaces) {
      while (count(namespace) < objects) {
        operator.requireAlive();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only "
                  + count(namespace)
                  + " of "
                  + objects
                  + " objects appeared in "
                  + namespace
                  + " within "
                  + within
                  + ": "
                  + in(namespace).keySet());
        }
        Thread.sleep(5);
      }
      long at =
          in(namespace).values().stream().sorted().skip(objects - 1L).findFirst().orElseThrow();
      last = Math.max(last, at);
    }
    return last;
  }

  /** The nanoTime the last object in {@code namespace} appeared. */
  long lastAppearance(String namespace) {
    return in(namespace).values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  private Map<String, Long> in(String namespace) {
    return appearedAt.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
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
        in(object.getMetadata().getNamespace())
            .putIfAbsent(object.getKind() + "/" + object.getMetadata().getName(), now);
      }
    }

    @Override
    public void onUpdate(T before, T after) {}

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {}
  }
}
