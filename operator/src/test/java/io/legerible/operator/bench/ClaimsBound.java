package io.legerible.operator.bench;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the controllers had bound the last volume claim of each namespace (a StatefulSet's pods wait
 * for it): the part of a library's time to Ready no operator can shorten.
 */
final class ClaimsBound implements AutoCloseable {

  private final Map<String, Long> lastBound = new ConcurrentHashMap<>();
  private final SharedIndexInformer<PersistentVolumeClaim> informer;

  ClaimsBound(KubernetesClient client) {
    informer =
        client
            .persistentVolumeClaims()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolumeClaim claim) {
                    record(claim);
                  }

                  @Override
                  public void onUpdate(PersistentVolumeClaim before, PersistentVolumeClaim after) {
                    if (before.getStatus() == null
                        || !"Bound".equals(before.getStatus().getPhase())) {
                      record(after);
                    }
                  }

                  @Override
                  public void onDelete(PersistentVolumeClaim claim, boolean unknown) {}
                });
  }

  private void record(PersistentVolumeClaim claim) {
    if (claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())) {
      lastBound.merge(claim.getMetadata().getNamespace(), System.nanoTime(), Math::max);
    }
  }

  /** The nanoTime the last claim in {@code namespace} was bound. */
  long lastBound(String namespace) {
    Long at = lastBound.get(namespace);
    if (at == null) {
      throw new IllegalStateException("no volume claim was bound in " + namespace);
    }
    return at;
  }

  @Override
  public void close() {
    informer.close();
  }
}
