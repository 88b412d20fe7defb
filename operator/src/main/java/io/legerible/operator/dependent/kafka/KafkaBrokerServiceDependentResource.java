package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The headless Service naming every broker-only Kafka node (their advertised addresses). */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka-broker"))
public class KafkaBrokerServiceDependentResource extends LibraryDependentResource<Service> {

  /** Creates the dependent. */
  public KafkaBrokerServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.KAFKA_BROKER);
  }

  @Override
  public Service build(LegeribleLibrary library, DesiredInputs inputs) {
    Service service =
        Skeleton.load(
            KafkaServiceDependentResource.class,
            "service.yaml",
            Service.class,
            library,
            Component.KAFKA_BROKER,
            name(library));
    service.getSpec().getPorts().removeIf(port -> "controller".equals(port.getName()));
    service.getSpec().setSelector(LibraryNaming.selectorLabels(library, Component.KAFKA_BROKER));
    return service;
  }
}
