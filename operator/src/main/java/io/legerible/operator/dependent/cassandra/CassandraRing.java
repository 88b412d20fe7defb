package io.legerible.operator.dependent.cassandra;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.contracts.CassandraSchema;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.status.OperationInProgress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resizing the Cassandra ring without losing data, as cass-operator does: a smaller ring loses its
 * highest node only after {@code nodetool decommission} streamed that node's ranges to the others
 * (its claim is then deleted: a decommissioned node's data may never rejoin); a larger ring grows
 * through the StatefulSet, each new node bootstrapping its ranges, and once every node is up, the
 * nodes that were there before run {@code nodetool cleanup} to drop the ranges they handed over.
 * One node at a time; the StatefulSet's replicas follow only what is done. Once the ring is
 * settled, a new replication factor is given to the keyspace and every node runs a full repair of
 * it.
 */
public final class CassandraRing {

  /** On the StatefulSet: the ring size the last cleanup was run for. */
  public static final String SETTLED_ANNOTATION = "legerible.io/settled-nodes";

  /** On the StatefulSet: the replication factor the keyspace was last given and repaired for. */
  public static final String REPLICATION_ANNOTATION = "legerible.io/replication-factor";

  /** Reason of SpecApplied=False while a node is being decommissioned. */
  public static final String SCALING = "CassandraScaling";

  /** How often a decommission under way is looked at again. */
  public static final Duration RECHECK_INTERVAL = Duration.ofSeconds(10);

  private static final String KEY = CassandraRing.class.getName();
  private static final Pattern MODE = Pattern.compile("Mode: (\\w+)");

  /** What a reconciliation does to the ring. */
  public enum Action {
    /** Nothing. */
    NONE,
    /** Wait: for every node to be up, or for a decommission under way. */
    WAIT,
    /** Start decommissioning the highest node. */
    DECOMMISSION,
    /** The highest node is decommissioned: delete its claim and let the StatefulSet shrink. */
    RELEASE,
    /** The ring grew and every node is up: the earlier nodes clean up, the size is recorded. */
    CLEANUP,
    /** Record the ring's size (first sight, or after shrinking: nothing to clean up). */
    SETTLE,
    /** The ring is settled and the spec asks another replication factor: alter, repair, record. */
    REPLICATE
  }

  /**
   * One step: what to do, to which node, the StatefulSet's replicas meanwhile, and what SpecApplied
   * says (a null reason: nothing to say).
   */
  public record Step(Action action, int node, int replicas, String reason, String message) {

    /** What SpecApplied shows of this step, if anything. */
    public Optional<OperationInProgress> inProgress() {
      return reason == null
          ? Optional.empty()
          : Optional.of(new OperationInProgress(reason, message));
    }
  }

  /** Runs nodetool in a node's pod. */
  public interface Nodetool {

    /**
     * Output of nodetool {@code args} run in {@code pod}, waiting up to {@code timeout}; throws
     * when it cannot be run or fails.
     */
    String output(String pod, List<String> args, Duration timeout);

    /** Starts nodetool {@code args} in {@code pod} without waiting for it (its log: the pod's). */
    void start(String pod, List<String> args);
  }

  /** Runs a CQL statement on the ring. */
  public interface Cql {

    /** Executes {@code statement}, waiting for every node to agree on the schema it changes. */
    void execute(String statement);
  }

  /** How long asking a node's mode may take. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

  /** How long one node's full repair of the keyspace may take. */
  static final Duration REPAIR_TIMEOUT = Duration.ofMinutes(10);

  private CassandraRing() {}

  /**
   * The next step for a ring the spec wants {@code library}'s size and {@code statefulSet} runs
   * (null before it exists), with {@code mode} reading a node's mode (NORMAL, LEAVING,
   * DECOMMISSIONED, ...) only when the step depends on it. Pure but for {@code mode}.
   */
  public static Step decide(
      LegeribleLibrary library, StatefulSet statefulSet, IntFunction<Optional<String>> mode) {
    int wanted = library.getSpec().cassandra.managed.replicas;
    if (statefulSet == null) {
      return new Step(Action.NONE, -1, wanted, null, null);
    }
    int size = StatefulSets.size(statefulSet);
    int settled = settled(statefulSet).orElse(-1);
    boolean hibernating = library.getSpec().hibernating();
    if (wanted >= size) {
      int factor = library.getSpec().cassandra.replicationFactor;
      Optional<Integer> replicated = annotation(statefulSet, REPLICATION_ANNOTATION);
      // A new replication factor waits for the ring to settle, and says so meanwhile.
      String replication =
          replicated.filter(copies -> copies != factor).isPresent() && wanted == size
              ? "keyspace "
                  + library.getSpec().cassandra.keyspace
                  + " replication factor "
                  + replicated.get()
                  + " → "
                  + factor
                  + ": altering it, then a full repair on every node"
              : null;
      String reason = replication == null ? null : SCALING;
      if (hibernating || !StatefulSets.allReady(statefulSet, size)) {
        return new Step(Action.NONE, -1, wanted, reason, replication);
      }
      if (settled < 0 || settled > size || replicated.isEmpty()) {
        return new Step(Action.SETTLE, -1, wanted, reason, replication);
      }
      if (settled < size) {
        return new Step(Action.CLEANUP, -1, wanted, reason, replication);
      }
      return replication == null
          ? new Step(Action.NONE, -1, wanted, null, null)
          : new Step(Action.REPLICATE, -1, wanted, SCALING, replication);
    }
    int leaving = size - 1;
    String node = LibraryNaming.name(library, Component.CASSANDRA) + "-" + leaving;
    String shrinking = "cassandra " + size + " → " + wanted + " nodes: ";
    if (hibernating) {
      return new Step(
          Action.WAIT,
          leaving,
          size,
          SCALING,
          shrinking + "decommissioning " + node + " waits until the library wakes");
    }
    Optional<String> current = mode.apply(leaving);
    if (current.isEmpty()) {
      return new Step(
          Action.WAIT, leaving, size, SCALING, shrinking + "waiting for " + node + " to run");
    }
    switch (current.get()) {
      case "DECOMMISSIONED":
        return new Step(
            Action.RELEASE,
            leaving,
            leaving,
            SCALING,
            shrinking + node + " is decommissioned (its data streamed to the others); removing it");
      case "NORMAL":
        if (!StatefulSets.allReady(statefulSet, size)) {
          return new Step(
              Action.WAIT,
              leaving,
              size,
              SCALING,
              shrinking + "waiting for every node to be ready before decommissioning " + node);
        }
        return new Step(
            Action.DECOMMISSION,
            leaving,
            size,
            SCALING,
            shrinking + "decommissioning " + node + " (streaming its data to the others)");
      default:
        return new Step(
            Action.WAIT,
            leaving,
            size,
            SCALING,
            shrinking + node + " is " + current.get() + "; waiting for it to finish");
    }
  }

  /**
   * Reads the StatefulSet from the caches, decides with {@code nodetool} and carries out the step;
   * returns it for the workflow ({@link #share}) and the status.
   */
  public static Step advance(
      LegeribleLibrary library, Context<LegeribleLibrary> context, Nodetool nodetool, Cql cql) {
    String name = LibraryNaming.name(library, Component.CASSANDRA);
    StatefulSet statefulSet =
        context.getSecondaryResources(StatefulSet.class).stream()
            .filter(s -> name.equals(s.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    Step step = decide(library, statefulSet, node -> mode(nodetool, name + "-" + node));
    KubernetesClient client = context.getClient();
    String namespace = library.getMetadata().getNamespace();
    switch (step.action()) {
      case DECOMMISSION ->
          // --force: the system keyspaces have a replication factor of 3 whatever the ring's size;
          // the library's own keyspace is guarded by the CRD (replicationFactor <= replicas).
          nodetool.start(name + "-" + step.node(), List.of("decommission", "--force"));
      case RELEASE ->
          // Deleted once its pod is gone (claim protection): a decommissioned node never rejoins.
          client
              .persistentVolumeClaims()
              .inNamespace(namespace)
              .withName(StatefulSets.dataClaim(name, step.node()))
              .delete();
      case CLEANUP -> {
        for (int node = 0; node < settled(statefulSet).orElse(0); node++) {
          nodetool.start(name + "-" + node, List.of("cleanup"));
        }
        settle(client, statefulSet, library);
      }
      case SETTLE -> settle(client, statefulSet, library);
      case REPLICATE -> {
        return replicate(library, statefulSet, step, nodetool, cql, client);
      }
      case NONE, WAIT -> {}
    }
    return step;
  }

  /**
   * Gives the keyspace the spec's replication factor and repairs every node, so that the rows
   * written before have their new copies (or drop the ones no longer owned); records the factor
   * once done. A failure is reported and tried again: altering and repairing twice is harmless.
   */
  private static Step replicate(
      LegeribleLibrary library,
      StatefulSet statefulSet,
      Step step,
      Nodetool nodetool,
      Cql cql,
      KubernetesClient client) {
    String keyspace = library.getSpec().cassandra.keyspace;
    int factor = library.getSpec().cassandra.replicationFactor;
    try {
      cql.execute(CassandraSchema.alterReplication(keyspace, factor));
      for (int node = 0; node < StatefulSets.size(statefulSet); node++) {
        nodetool.output(
            statefulSet.getMetadata().getName() + "-" + node,
            List.of("repair", "--full", keyspace),
            REPAIR_TIMEOUT);
      }
    } catch (RuntimeException e) {
      return new Step(
          Action.WAIT,
          -1,
          step.replicas(),
          SCALING,
          step.message() + " failed (" + e.getMessage() + "); trying again");
    }
    annotate(client, statefulSet, Map.of(REPLICATION_ANNOTATION, factor));
    return new Step(Action.REPLICATE, -1, step.replicas(), null, null);
  }

  /** Hands the replicas of this reconciliation's step to the StatefulSet dependent. */
  public static void share(Context<LegeribleLibrary> context, Step step) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, step.replicas());
  }

  /** The replicas this reconciliation's step gives the StatefulSet, if one was shared. */
  static Optional<Integer> shared(Context<LegeribleLibrary> context) {
    return context.managedWorkflowAndDependentResourceContext().get(KEY, Integer.class);
  }

  /** The mode nodetool netstats reports for {@code pod}, empty when it cannot be asked. */
  static Optional<String> mode(Nodetool nodetool, String pod) {
    try {
      Matcher mode = MODE.matcher(nodetool.output(pod, List.of("netstats"), ASK_TIMEOUT));
      return mode.find() ? Optional.of(mode.group(1)) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> settled(StatefulSet statefulSet) {
    return annotation(statefulSet, SETTLED_ANNOTATION);
  }

  private static Optional<Integer> annotation(StatefulSet statefulSet, String key) {
    var annotations = statefulSet.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    return Optional.ofNullable(value).map(Integer::valueOf);
  }

  /**
   * Records the ring's size; on first sight also the replication factor, which the programs gave
   * the keyspace when they created it.
   */
  private static void settle(
      KubernetesClient client, StatefulSet statefulSet, LegeribleLibrary library) {
    Map<String, Integer> annotations = new LinkedHashMap<>();
    annotations.put(SETTLED_ANNOTATION, StatefulSets.size(statefulSet));
    if (annotation(statefulSet, REPLICATION_ANNOTATION).isEmpty()) {
      annotations.put(REPLICATION_ANNOTATION, library.getSpec().cassandra.replicationFactor);
    }
    annotate(client, statefulSet, annotations);
  }

  private static void annotate(
      KubernetesClient client, StatefulSet statefulSet, Map<String, Integer> annotations) {
    String json =
        annotations.entrySet().stream()
            .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
            .collect(Collectors.joining(","));
    client
        .apps()
        .statefulSets()
        .inNamespace(statefulSet.getMetadata().getNamespace())
        .withName(statefulSet.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{" + json + "}}}");
  }
}
