package io.legerible.operator.dependent.cassandra;

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
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resizing the Cassandra ring without losing data, as cass-operator does: a smaller ring loses its
 * highest node only after {@code nodetool decommission} streamed that node's ranges to the others
 * (its claim is then deleted: a decommissioned node's data may never rejoin); a larger ring grows
 * through the StatefulSet, each new node bootstrapping its ranges, and once every node is up, the
 * nodes that were there before run {@code nodetool cleanup} to drop the ranges they handed over.
 * One node at a time; the StatefulSet's replicas follow only what is done.
 */
public final class CassandraRing {

  /** On the StatefulSet: the ring size the last cleanup was run for. */
  public static final String SETTLED_ANNOTATION = "legerible.io/settled-nodes";

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
    SETTLE
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

    /** Output of nodetool {@code args} run in {@code pod}; throws when it cannot be run. */
    String output(String pod, List<String> args);

    /** Starts nodetool {@code args} in {@code pod} without waiting for it (its log: the pod's). */
    void start(String pod, List<String> args);
  }

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
      if (hibernating || !allReady(statefulSet, size)) {
        return new Step(Action.NONE, -1, wanted, null, null);
      }
      if (settled < 0 || settled > size) {
        return new Step(Action.SETTLE, -1, wanted, null, null);
      }
      return settled < size
          ? new Step(Action.CLEANUP, -1, wanted, null, null)
          : new Step(Action.NONE, -1, wanted, null, null);
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
        if (!allReady(statefulSet, size)) {
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
      LegeribleLibrary library, Context<LegeribleLibrary> context, Nodetool nodetool) {
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
        settle(client, statefulSet, StatefulSets.size(statefulSet));
      }
      case SETTLE -> settle(client, statefulSet, StatefulSets.size(statefulSet));
      case NONE, WAIT -> {}
    }
    return step;
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
      Matcher mode = MODE.matcher(nodetool.output(pod, List.of("netstats")));
      return mode.find() ? Optional.of(mode.group(1)) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean allReady(StatefulSet statefulSet, int size) {
    var status = statefulSet.getStatus();
    return status != null
        && status.getReadyReplicas() != null
        && status.getReadyReplicas() == size
        && status.getReplicas() != null
        && status.getReplicas() == size;
  }

  private static Optional<Integer> settled(StatefulSet statefulSet) {
    var annotations = statefulSet.getMetadata().getAnnotations();
    String settled = annotations == null ? null : annotations.get(SETTLED_ANNOTATION);
    return Optional.ofNullable(settled).map(Integer::valueOf);
  }

  private static void settle(KubernetesClient client, StatefulSet statefulSet, int size) {
    client
        .apps()
        .statefulSets()
        .inNamespace(statefulSet.getMetadata().getNamespace())
        .withName(statefulSet.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + SETTLED_ANNOTATION + "\":\"" + size + "\"}}}");
  }
}
