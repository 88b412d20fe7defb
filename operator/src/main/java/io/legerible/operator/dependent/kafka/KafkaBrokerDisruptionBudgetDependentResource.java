package io.legerible.operator.dependent.kafka;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.dependent.PodDisruptionBudgetDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The broker-only Kafka nodes' PodDisruptionBudget: a drain evicts one pod at a time. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka-broker"))
public class KafkaBrokerDisruptionBudgetDependentResource
    extends PodDisruptionBudgetDependentResource {

  /** Creates the dependent. */
  public KafkaBrokerDisruptionBudgetDependentResource() {
    super(Component.KAFKA_BROKER);
  }
}
