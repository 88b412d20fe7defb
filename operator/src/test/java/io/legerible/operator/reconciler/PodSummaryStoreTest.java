package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodSummaryStoreTest {

  @Test
  void keepsWhatStatusAssemblyReadsAndDropsTheRest() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-kafka-0")
            .withNamespace("town")
            .addToLabels("app.kubernetes.io/component", "kafka")
            .addNewOwnerReference()
            .withKind("StatefulSet")
            .withName("legerible-city-kafka")
            .endOwnerReference()
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").build())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("kafka")
            .withImage("apache/kafka:4.1.1")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    PodSummaryStore store = new PodSummaryStore();

    store.put(store.getKey(pod), pod);

    Pod kept = store.get("town/legerible-city-kafka-0");
    assertThat(kept.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "kafka");
    assertThat(kept.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(kept.getStatus().getPhase()).isEqualTo("Running");
    assertThat(kept.getSpec()).isNull();
    assertThat(kept.getMetadata().getManagedFields()).isEmpty();
  }
}
