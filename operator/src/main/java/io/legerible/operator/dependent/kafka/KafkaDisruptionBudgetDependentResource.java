package io.legerible.operator.dependent.kafka;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.dependent.PodDisruptionBudgetDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The Kafka nodes' PodDisruptionBudget: a drain evicts one pod at a time. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka"))
public class KafkaDisruptionBudgetDependentResource extends PodDisruptionBudgetDependentResource {

  /** Creates the dependent. */
  public KafkaDisruptionBudgetDependentResource() {
    super(Component.KAFKA);
  }
}
