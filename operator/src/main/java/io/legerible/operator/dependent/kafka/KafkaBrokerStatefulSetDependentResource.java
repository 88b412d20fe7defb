package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.StatefulSetWithClaimsDependentResource;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker-only Kafka nodes beyond the controllers, node id {@code 10<ordinal>} (100, 101, ...):
 * started and removed by {@link KafkaBrokers}, which moves their partitions first.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka-broker"))
public class KafkaBrokerStatefulSetDependentResource
    extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public KafkaBrokerStatefulSetDependentResource() {
    super(Component.KAFKA_BROKER);
  }

  /** The broker-only nodes the resize has reached, and the controllers the cluster has. */
  @Override
  protected StatefulSet desired(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    StatefulSet desired = super.desired(library, context);
    KafkaBrokers.shared(context)
        .ifPresent(
            step -> {
              StatefulSets.identify(desired, library, Component.KAFKA_BROKER, step.brokerNodes());
              KafkaStatefulSetDependentResource.formQuorum(desired, library, step.controllers());
            });
    return desired;
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    int controllers = KafkaBrokers.controllers(library, null, KafkaBrokers.KeptNodes.NONE);
    StatefulSet statefulSet =
        KafkaStatefulSetDependentResource.node(
            library,
            inputs,
            Component.KAFKA_BROKER,
            Math.max(0, library.getSpec().kafka.managed.replicas - controllers));
    KafkaStatefulSetDependentResource.formQuorum(statefulSet, library, controllers);
    var container = PodTemplates.container(statefulSet.getSpec().getTemplate(), "kafka");
    container.getPorts().removeIf(port -> "controller".equals(port.getName()));
    container.getLivenessProbe().getTcpSocket().setPort(new IntOrString("client"));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    env.removeIf(variable -> "KAFKA_NODE_ID".equals(variable.getName()));
    env.add(
        new EnvVar(
            "POD_INDEX",
            null,
            new EnvVarSourceBuilder()
                .withNewFieldRef("v1", "metadata.labels['apps.kubernetes.io/pod-index']")
                .build()));
    // Kubernetes substitutes $(POD_INDEX) into the value: ids 100, 101, ... apart from the
    // controllers' 0, 1, 2 (KafkaBrokers.brokerId is the same rule).
    KafkaStatefulSetDependentResource.set(
        env, "KAFKA_NODE_ID", KafkaBrokers.BROKER_ID_PREFIX + "$(POD_INDEX)");
    KafkaStatefulSetDependentResource.set(env, "KAFKA_PROCESS_ROLES", "broker");
    KafkaStatefulSetDependentResource.set(env, "KAFKA_LISTENERS", "PLAINTEXT://:9092");
    container.setEnv(env);
    return statefulSet;
  }
}
