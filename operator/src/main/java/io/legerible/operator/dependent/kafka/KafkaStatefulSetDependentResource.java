package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedKafka;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.StatefulSetWithClaimsDependentResource;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The KRaft Kafka cluster: every node broker and controller, logs on a claim per node. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka"))
public class KafkaStatefulSetDependentResource extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public KafkaStatefulSetDependentResource() {
    super(Component.KAFKA);
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    ManagedKafka kafka = library.getSpec().kafka.managed;
    StatefulSet statefulSet =
        Skeleton.load(
            getClass(),
            "statefulset.yaml",
            StatefulSet.class,
            library,
            Component.KAFKA,
            name(library));
    StatefulSets.identify(statefulSet, library, Component.KAFKA, kafka.replicas);
    StatefulSets.claims(statefulSet, library, Component.KAFKA, kafka.storage, kafka.retainOnDelete);
    var template = statefulSet.getSpec().getTemplate();
    var container = PodTemplates.container(template, "kafka");
    container.setImage(DefaultImages.orDefault(kafka.image, inputs.images().kafka()));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    String internalReplication = Integer.toString(Math.min(3, kafka.replicas));
    env.add(env("CLUSTER_ID", clusterId(library)));
    env.add(
        env(
            "KAFKA_ADVERTISED_LISTENERS",
            "PLAINTEXT://$(POD_NAME)."
                + name(library)
                + ".$(POD_NAMESPACE).svc:"
                + ConnectionContract.KAFKA_PORT));
    env.add(env("KAFKA_CONTROLLER_QUORUM_VOTERS", quorumVoters(library, kafka.replicas)));
    env.add(env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", internalReplication));
    env.add(env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", internalReplication));
    env.add(
        env(
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
            Integer.toString(Math.max(1, Math.min(3, kafka.replicas) - 1))));
    container.setEnv(env);
    ContainerResources.apply(container, kafka.resources);
    PodPlacement.apply(template.getSpec(), kafka.placement);
    PodPlacement.spreadOverNodes(template, library, Component.KAFKA);
    return statefulSet;
  }

  /**
   * The KRaft cluster id: derived from the library's namespace and name, so a library re-created
   * over retained volumes finds its own cluster again. 22 characters of URL-safe Base64.
   */
  static String clusterId(LegeribleLibrary library) {
    UUID uuid =
        UUID.nameUUIDFromBytes(
            (library.getMetadata().getNamespace() + "/" + library.getMetadata().getName())
                .getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static String quorumVoters(LegeribleLibrary library, int replicas) {
    return IntStream.range(0, replicas)
        .mapToObj(
            i ->
                i
                    + "@"
                    + LibraryNaming.podHost(library, Component.KAFKA, i)
                    + ":"
                    + ConnectionContract.KAFKA_CONTROLLER_PORT)
        .collect(Collectors.joining(","));
  }

  private static EnvVar env(String name, String value) {
    return new EnvVar(name, value, null);
  }
}
