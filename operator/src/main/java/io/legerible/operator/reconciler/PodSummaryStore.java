package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The pod informer's cache, keeping of each pod only what status assembly reads (identity, labels,
 * owners, deletion and status): pods are the most numerous objects the operator watches, and their
 * spec and managed fields would be most of its memory.
 */
final class PodSummaryStore extends BasicItemStore<Pod> {

  PodSummaryStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public Pod put(String key, Pod pod) {
    return super.put(key, summary(pod));
  }

  static Pod summary(Pod pod) {
    var metadata = pod.getMetadata();
    return new PodBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion())
                .withLabels(metadata.getLabels())
                .withOwnerReferences(metadata.getOwnerReferences())
                .withDeletionTimestamp(metadata.getDeletionTimestamp())
                .build())
        .withStatus(pod.getStatus())
        .build();
  }
}
