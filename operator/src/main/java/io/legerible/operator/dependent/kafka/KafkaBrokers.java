package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.status.OperationInProgress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizing the Kafka cluster without rewriting its controller quorum or stranding a partition, as
 * Strimzi's node pools do. The first nodes (as many as the library was created with, 3 at most) are
 * brokers and KRaft controllers, fixed for good: a static quorum cannot change. The brokers beyond
 * them are broker-only nodes of a second StatefulSet, with node ids from 100. New brokers start,
 * then the partitions are given the copies the spec asks for, spread over them; before a broker
 * leaves, every copy it holds is moved to the others, and once its pod is gone it is unregistered
 * and its claim deleted. One broker at a time; a partition with more copies than the remaining
 * brokers can hold stops the shrink and says which brokers hold it.
 */
public final class KafkaBrokers {

  /**
   * On the controllers' StatefulSet: the brokers and topic copies the partitions were placed for.
   */
  public static final String SETTLED_ANNOTATION = "legerible.io/settled-brokers";

  /** Reason of SpecApplied=False while brokers start or leave, or partitions move. */
  public static final String SCALING = "KafkaScaling";

  /** Reason of SpecApplied=False while a partition has more copies than the brokers left. */
  public static final String BLOCKED = "KafkaScaleDownBlocked";

  /** How often a resize under way is looked at again. */
  public static final Duration RECHECK_INTERVAL = Duration.ofSeconds(10);

  /**
   * What a broker-only node's id starts with, its pod ordinal following: 100, 101, ... apart from
   * the controllers' ids (their pod ordinals, 0 to 4).
   */
  public static final String BROKER_ID_PREFIX = "10";

  /** Kafka's own topics, given as many copies as the cluster's defaults would (3 at most). */
  static final Set<String> INTERNAL_TOPICS = Set.of("__consumer_offsets", "__transaction_state");

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokers.class);
  private static final String KEY = KafkaBrokers.class.getName();
  private static final Pattern SETTLED_BROKERS = Pattern.compile("brokers=(\\d+)");

  /** What a reconciliation does to the brokers. */
  public enum Action {
    /** Nothing. */
    NONE,
    /** Wait: for the brokers to be ready, for partitions moving, for a leaving broker to stop. */
    WAIT,
    /** Start the broker-only nodes the spec adds. */
    GROW,
    /** Give partitions their new replica lists. */
    MOVE,
    /** The leaving broker holds nothing any more: its pod goes, its claim is deleted. */
    RELEASE,
    /** Unregister brokers whose pods are gone. */
    UNREGISTER,
    /** Record what the partitions were placed for. */
    SETTLE,
    /** A partition cannot fit the brokers left: the shrink stops. */
    BLOCKED
  }

  /**
   * One step: what to do, the controllers and broker-only nodes the StatefulSets get meanwhile, the
   * partitions to move or brokers to unregister, and what SpecApplied says (null: nothing).
   */
  public record Step(
      Action action,
      int controllers,
      int brokerNodes,
      Map<TopicPartition, List<Integer>> moves,
      Set<Integer> brokers,
      String reason,
      String message) {

    static Step of(Action action, int controllers, int brokerNodes) {
      return new Step(action, controllers, brokerNodes, Map.of(), Set.of(), null, null);
    }

    static Step saying(
        Action action, int controllers, int brokerNodes, String reason, String message) {
      return new Step(action, controllers, brokerNodes, Map.of(), Set.of(), reason, message);
    }

    /** What SpecApplied shows of this step, if anything. */
    public Optional<OperationInProgress> inProgress() {
      return reason == null
          ? Optional.empty()
          : Optional.of(new OperationInProgress(reason, message));
    }
  }

  /** What the cluster says of itself. */
  public record View(
      Set<Integer> alive,
      Set<Integer> fenced,
      Map<TopicPartition, List<Integer>> replicas,
      int reassigning) {}

  /** The cluster, through Kafka's admin API. */
  public interface Cluster {

    /** The brokers registered, every partition's replicas and the reassignments under way. */
    View view();

    /** Starts giving the partitions their new replica lists. */
    void reassign(Map<TopicPartition, List<Integer>> moves);

    /** Removes the registration of a broker that is gone. */
    void unregister(int broker);
  }

  private KafkaBrokers() {}

  /**
   * Nodes whose claims are kept from a library deleted before (its StatefulSets gone): the highest
   * ordinal plus one of the controllers' and of the broker-only nodes' data claims, 0 for none.
   */
  public record KeptNodes(int controllers, int brokers) {

    /** No claims kept. */
    public static final KeptNodes NONE = new KeptNodes(0, 0);

    /** The nodes whose claims {@code claims} holds for {@code library}. */
    public static KeptNodes of(LegeribleLibrary library, Collection<PersistentVolumeClaim> claims) {
      return new KeptNodes(
          nodes(claims, LibraryNaming.name(library, Component.KAFKA)),
          nodes(claims, LibraryNaming.name(library, Component.KAFKA_BROKER)));
    }

    private static int nodes(Collection<PersistentVolumeClaim> claims, String statefulSet) {
      Pattern own = StatefulSets.dataClaims(statefulSet);
      return claims.stream()
          .map(claim -> own.matcher(claim.getMetadata().getName()))
          .filter(Matcher::matches)
          .mapToInt(ordinal -> Integer.parseInt(ordinal.group(1)) + 1)
          .max()
          .orElse(0);
    }
  }

  /**
   * How many of the library's Kafka nodes are controllers: those of {@code controllers} (null
   * before it exists), else those whose claims are kept from before, else 3 when created with 3 or
   * more brokers and 1 otherwise (a quorum of 2 survives no more failures than 1).
   */
  public static int controllers(LegeribleLibrary library, StatefulSet controllers, KeptNodes kept) {
    if (controllers != null) {
      return StatefulSets.size(controllers);
    }
    if (kept.controllers() > 0) {
      return kept.controllers();
    }
    return library.getSpec().kafka.managed.replicas >= 3 ? 3 : 1;
  }

  /** The node id of broker-only node {@code ordinal}. */
  public static int brokerId(int ordinal) {
    return Integer.parseInt(BROKER_ID_PREFIX + ordinal);
  }

  /** What the partitions are placed for when {@code library}'s resize is done. */
  static String settledFor(LegeribleLibrary library) {
    var kafka = library.getSpec().kafka;
    return "brokers="
        + kafka.managed.replicas
        + ",topicReplicationFactor="
        + kafka.topicReplicationFactor;
  }

  /**
   * The next step for the brokers {@code library} asks, the controllers' and broker-only nodes'
   * StatefulSets (null when absent) and the nodes whose claims are {@code kept}, asking {@code
   * cluster} only when the step depends on it.
   */
  public static Step decide(
      LegeribleLibrary library,
      StatefulSet controllerSet,
      StatefulSet brokerSet,
      KeptNodes kept,
      Supplier<View> cluster) {
    int wanted = library.getSpec().kafka.managed.replicas;
    int controllers = controllers(library, controllerSet, kept);
    int brokerNodes = Math.max(0, wanted - controllers);
    int running = brokerSet == null ? 0 : StatefulSets.size(brokerSet);
    if (controllerSet == null) {
      return Step.of(Action.NONE, controllers, brokerNodes);
    }
    var annotations = controllerSet.getMetadata().getAnnotations();
    String settled = annotations == null ? null : annotations.get(SETTLED_ANNOTATION);
    String target = settledFor(library);
    if (brokerNodes >= running && target.equals(settled)) {
      return Step.of(Action.NONE, controllers, brokerNodes);
    }
    // From the brokers still running when fewer are wanted, else from those last settled at.
    int from =
        wanted < controllers + running
            ? controllers + running
            : settledBrokers(settled, controllers + running);
    String resizing = "kafka " + from + " → " + wanted + " brokers: ";
    if (library.getSpec().hibernating()) {
      return brokerNodes >= running
          ? Step.of(Action.NONE, controllers, brokerNodes)
          : Step.saying(
              Action.WAIT,
              controllers,
              running,
              SCALING,
              resizing + "moving partitions waits until the library wakes");
    }
    if (brokerNodes > running) {
      return Step.saying(
          Action.GROW,
          controllers,
          brokerNodes,
          SCALING,
          resizing + "starting brokers " + ids(running, brokerNodes));
    }
    if (settled == null && running == 0 && brokerNodes == 0 && kept.brokers() == 0) {
      // First sight of a cluster of controllers only, never more: its topics were created as the
      // spec says.
      return Step.of(Action.SETTLE, controllers, 0);
    }
    if (!StatefulSets.allReady(controllerSet, controllers)
        || (running > 0 && !StatefulSets.allReady(brokerSet, running))) {
      return Step.saying(
          Action.WAIT,
          controllers,
          running,
          SCALING,
          resizing + "waiting for every broker to be ready");
    }
    View view;
    try {
      view = cluster.get();
    } catch (RuntimeException e) {
      return Step.saying(
          Action.WAIT,
          controllers,
          running,
          SCALING,
          resizing + "cannot ask Kafka where its partitions are (" + e.getMessage() + ")");
    }
    boolean shrinking = brokerNodes < running;
    SortedSet<Integer> staying = new TreeSet<>();
    IntStream.range(0, controllers).forEach(staying::add);
    IntStream.range(0, shrinking ? running - 1 : running)
        .forEach(ordinal -> staying.add(brokerId(ordinal)));
    if (!view.alive().containsAll(staying)) {
      Set<Integer> missing = new TreeSet<>(staying);
      missing.removeAll(view.alive());
      return Step.saying(
          Action.WAIT,
          controllers,
          running,
          SCALING,
          resizing + "waiting for brokers " + missing + " to register");
    }
    if (view.reassigning() > 0) {
      return Step.saying(
          Action.WAIT,
          controllers,
          running,
          SCALING,
          resizing + view.reassigning() + " partitions are moving");
    }
    int copies = library.getSpec().kafka.topicReplicationFactor;
    ReplicaPlacement.Plan plan =
        ReplicaPlacement.plan(
            view.replicas(),
            staying,
            topic ->
                INTERNAL_TOPICS.contains(topic)
                    ? Math.min(3, staying.size())
                    : KafkaTopicsJobDependentResource.TOPICS.contains(topic)
                        ? copies
                        : replicaCount(view, topic));
    if (!plan.stranded().isEmpty()) {
      return Step.saying(
          Action.BLOCKED,
          controllers,
          running,
          BLOCKED,
          resizing
              + "refused while "
              + String.join("; ", plan.stranded())
              + ". Lower that topic's replication factor, or keep "
              + (controllers + running)
              + " brokers");
    }
    if (!plan.moves().isEmpty()) {
      String leaving =
          shrinking ? "moving every copy off broker " + brokerId(running - 1) + ", " : "";
      return new Step(
          Action.MOVE,
          controllers,
          running,
          plan.moves(),
          Set.of(),
          SCALING,
          resizing
              + leaving
              + "giving "
              + plan.moves().size()
              + " partitions their new brokers: "
              + describe(plan.moves()));
    }
    if (shrinking) {
      return new Step(
          Action.RELEASE,
          controllers,
          running - 1,
          Map.of(),
          Set.of(brokerId(running - 1)),
          SCALING,
          resizing + "broker " + brokerId(running - 1) + " holds no partition; removing it");
    }
    Set<Integer> gone = new TreeSet<>(view.fenced());
    gone.removeAll(staying);
    Set<Integer> stopping = new TreeSet<>(view.alive());
    stopping.removeAll(staying);
    if (!stopping.isEmpty()) {
      return Step.saying(
          Action.WAIT,
          controllers,
          running,
          SCALING,
          resizing + "waiting for brokers " + stopping + " to stop");
    }
    if (!gone.isEmpty()) {
      return new Step(
          Action.UNREGISTER,
          controllers,
          running,
          Map.of(),
          gone,
          SCALING,
          resizing + "unregistering brokers " + gone);
    }
    return Step.of(Action.SETTLE, controllers, running);
  }

  /**
   * Reads the StatefulSets from the caches, decides with {@code cluster} and carries out the step;
   * returns it for the workflow ({@link #share}) and the status.
   */
  public static Step advance(
      LegeribleLibrary library, Context<LegeribleLibrary> context, Cluster cluster) {
    String controllersName = LibraryNaming.name(library, Component.KAFKA);
    String brokersName = LibraryNaming.name(library, Component.KAFKA_BROKER);
    Map<String, StatefulSet> sets =
        context.getSecondaryResources(StatefulSet.class).stream()
            .filter(
                s ->
                    controllersName.equals(s.getMetadata().getName())
                        || brokersName.equals(s.getMetadata().getName()))
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    StatefulSet controllerSet = sets.get(controllersName);
    Step step =
        decide(
            library,
            controllerSet,
            sets.get(brokersName),
            KeptNodes.of(library, context.getSecondaryResources(PersistentVolumeClaim.class)),
            cluster::view);
    KubernetesClient client = context.getClient();
    String namespace = library.getMetadata().getNamespace();
    try {
      switch (step.action()) {
        case MOVE -> {
          cluster.reassign(step.moves());
          LOG.info("Library {}/{}: {}", namespace, library.getMetadata().getName(), step.message());
        }
        case RELEASE ->
            // Deleted once its pod is gone (claim protection): its logs must never come back.
            step.brokers()
                .forEach(
                    broker ->
                        client
                            .persistentVolumeClaims()
                            .inNamespace(namespace)
                            .withName(StatefulSets.dataClaim(brokersName, step.brokerNodes()))
                            .delete());
        case UNREGISTER ->
            step.brokers()
                .forEach(
                    broker -> {
                      cluster.unregister(broker);
                      LOG.info(
                          "Library {}/{}: unregistered Kafka broker {}, its pod gone",
                          namespace,
                          library.getMetadata().getName(),
                          broker);
                    });
        case SETTLE -> settle(client, controllerSet, library);
        case NONE, WAIT, GROW, BLOCKED -> {}
      }
    } catch (RuntimeException e) {
      return Step.saying(
          Action.WAIT,
          step.controllers(),
          step.action() == Action.RELEASE ? step.brokerNodes() + 1 : step.brokerNodes(),
          SCALING,
          step.message() + " failed (" + e.getMessage() + "); trying again");
    }
    return step;
  }

  /** Hands this reconciliation's step to the StatefulSet dependents. */
  public static void share(Context<LegeribleLibrary> context, Step step) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, step);
  }

  /** This reconciliation's step, if one was shared. */
  public static Optional<Step> shared(Context<LegeribleLibrary> context) {
    return context.managedWorkflowAndDependentResourceContext().get(KEY, Step.class);
  }

  /** The brokers {@code settled} records, else {@code otherwise}. */
  private static int settledBrokers(String settled, int otherwise) {
    Matcher brokers = settled == null ? null : SETTLED_BROKERS.matcher(settled);
    return brokers != null && brokers.find() ? Integer.parseInt(brokers.group(1)) : otherwise;
  }

  private static int replicaCount(View view, String topic) {
    return view.replicas().entrySet().stream()
        .filter(entry -> entry.getKey().topic().equals(topic))
        .mapToInt(entry -> entry.getValue().size())
        .max()
        .orElse(1);
  }

  private static String ids(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(ordinal -> Integer.toString(brokerId(ordinal)))
        .collect(Collectors.joining(", "));
  }

  private static String describe(Map<TopicPartition, List<Integer>> moves) {
    String listed =
        moves.entrySet().stream()
            .limit(4)
            .map(entry -> entry.getKey() + " → " + entry.getValue())
            .collect(Collectors.joining(", "));
    return moves.size() > 4 ? listed + ", …" : listed;
  }

  private static void settle(
      KubernetesClient client, StatefulSet controllerSet, LegeribleLibrary library) {
    client
        .apps()
        .statefulSets()
        .inNamespace(controllerSet.getMetadata().getNamespace())
        .withName(controllerSet.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\""
                + SETTLED_ANNOTATION
                + "\":\""
                + settledFor(library)
                + "\"}}}");
  }
}
