package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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

/**
 * The KRaft controllers, each also a broker, logs on a claim per node; fixed in number once created
 * (see {@link KafkaBrokers}).
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka"))
public class KafkaStatefulSetDependentResource extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public KafkaStatefulSetDependentResource() {
    super(Component.KAFKA);
  }

  /** The controllers the cluster was formed with, once it exists. */
  @Override
  protected StatefulSet desired(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    StatefulSet desired = super.desired(library, context);
    KafkaBrokers.shared(context)
        .ifPresent(
            step -> {
              StatefulSets.identify(desired, library, Component.KAFKA, step.controllers());
              formQuorum(desired, library, step.controllers());
            });
    return desired;
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    int controllers = KafkaBrokers.controllers(library, null, KafkaBrokers.KeptNodes.NONE);
    StatefulSet statefulSet = node(library, inputs, Component.KAFKA, controllers);
    formQuorum(statefulSet, library, controllers);
    return statefulSet;
  }

  /**
   * A StatefulSet of Kafka nodes of {@code component} from the skeleton (broker and controller):
   * image, cluster id, advertised address, resources and placement of the library's Kafka.
   */
  static StatefulSet node(
      LegeribleLibrary library, DesiredInputs inputs, Component component, int replicas) {
    ManagedKafka kafka = library.getSpec().kafka.managed;
    String name = LibraryNaming.name(library, component);
    StatefulSet statefulSet =
        Skeleton.load(
            KafkaStatefulSetDependentResource.class,
            "statefulset.yaml",
            StatefulSet.class,
            library,
            component,
            name);
    StatefulSets.identify(statefulSet, library, component, replicas);
    StatefulSets.claims(statefulSet, library, component, kafka.storage, kafka.retainOnDelete);
    var template = statefulSet.getSpec().getTemplate();
    var container = PodTemplates.container(template, "kafka");
    container.setImage(DefaultImages.orDefault(kafka.image, inputs.images().kafka()));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    env.add(env("CLUSTER_ID", clusterId(library)));
    env.add(
        env(
            "KAFKA_ADVERTISED_LISTENERS",
            "PLAINTEXT://$(POD_NAME)."
                + name
                + ".$(POD_NAMESPACE).svc:"
                + ConnectionContract.KAFKA_PORT));
    container.setEnv(env);
    ContainerResources.apply(container, kafka.resources);
    PodPlacement.apply(template.getSpec(), kafka.placement);
    PodPlacement.spreadOverNodes(template, library, component);
    return statefulSet;
  }

  /**
   * Points the nodes at the {@code controllers} voters, and gives Kafka's own topics as many copies
   * as the controllers (3 at most) when it creates them.
   */
  static void formQuorum(StatefulSet statefulSet, LegeribleLibrary library, int controllers) {
    var container = PodTemplates.container(statefulSet.getSpec().getTemplate(), "kafka");
    String internalReplication = Integer.toString(Math.min(3, controllers));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    set(env, "KAFKA_CONTROLLER_QUORUM_VOTERS", quorumVoters(library, controllers));
    set(env, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", internalReplication);
    set(env, "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", internalReplication);
    set(
        env,
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
        Integer.toString(Math.max(1, Math.min(3, controllers) - 1)));
    container.setEnv(env);
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

  private static String quorumVoters(LegeribleLibrary library, int controllers) {
    return IntStream.range(0, controllers)
        .mapToObj(
            i ->
                i
                    + "@"
                    + LibraryNaming.podHost(library, Component.KAFKA, i)
                    + ":"
                    + ConnectionContract.KAFKA_CONTROLLER_PORT)
        .collect(Collectors.joining(","));
  }

  /** Sets {@code name} to {@code value} in {@code env}, in place of an earlier value. */
  static void set(List<EnvVar> env, String name, String value) {
    env.removeIf(variable -> name.equals(variable.getName()));
    env.add(env(name, value));
  }

  private static EnvVar env(String name, String value) {
    return new EnvVar(name, value, null);
  }
}
