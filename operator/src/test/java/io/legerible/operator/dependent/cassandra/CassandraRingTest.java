package io.legerible.operator.dependent.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.dependent.cassandra.CassandraRing.Action;
import io.legerible.operator.dependent.cassandra.CassandraRing.Step;
import io.legerible.operator.testing.Libraries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each step of resizing the ring, judged from the spec, the StatefulSet and the nodes' modes. */
class CassandraRingTest {

  final List<Integer> asked = new ArrayList<>();

  @Test
  void aRingAtItsSizeAsksNoNode() {
    Step step = decide(ring(2), running(2, 2, 2), "NORMAL");

    assertThat(step.action()).isEqualTo(Action.NONE);
    assertThat(step.replicas()).isEqualTo(2);
    assertThat(asked).isEmpty();
  }

  @Test
  void aRingFirstSeenRecordsItsSize() {
    assertThat(decide(ring(1), running(1, 1, null), "NORMAL").action()).isEqualTo(Action.SETTLE);
  }

  @Test
  void aGrowingRingAddsNodesAndCleansUpOnceEveryNodeIsUp() {
    Step growing = decide(ring(3), running(1, 1, 1), "NORMAL");
    assertThat(growing.replicas()).isEqualTo(3);
    assertThat(growing.action()).isEqualTo(Action.NONE);

    Step joining = decide(ring(3), running(3, 2, 1), "NORMAL");
    assertThat(joining.action()).as("node 2 still joining").isEqualTo(Action.NONE);

    Step grown = decide(ring(3), running(3, 3, 1), "NORMAL");
    assertThat(grown.action()).isEqualTo(Action.CLEANUP);
    assertThat(asked).isEmpty();
  }

  @Test
  void aShrinkingRingKeepsItsNodesUntilTheHighestIsDecommissioned() {
    Step start = decide(ring(1), running(2, 2, 2), "NORMAL");
    assertThat(start.action()).isEqualTo(Action.DECOMMISSION);
    assertThat(start.node()).isEqualTo(1);
    assertThat(start.replicas()).as("no node removed yet").isEqualTo(2);
    assertThat(start.reason()).isEqualTo(CassandraRing.SCALING);
    assertThat(start.message())
        .isEqualTo(
            "cassandra 2 → 1 nodes: decommissioning legerible-city-cassandra-1 (streaming its"
                + " data to the others)");
    assertThat(asked).containsExactly(1);

    Step leaving = decide(ring(1), running(2, 1, 2), "LEAVING");
    assertThat(leaving.action()).isEqualTo(Action.WAIT);
    assertThat(leaving.replicas()).isEqualTo(2);
    assertThat(leaving.message()).contains("legerible-city-cassandra-1 is LEAVING");

    Step left = decide(ring(1), running(2, 1, 2), "DECOMMISSIONED");
    assertThat(left.action()).isEqualTo(Action.RELEASE);
    assertThat(left.replicas()).isEqualTo(1);

    Step settled = decide(ring(1), running(1, 1, 2), "NORMAL");
    assertThat(settled.action()).as("nothing to clean up after shrinking").isEqualTo(Action.SETTLE);
    assertThat(settled.reason()).isNull();
  }

  @Test
  void noDecommissionStartsWhileANodeIsDownOrTheLibraryHibernates() {
    Step down = decide(ring(1), running(3, 2, 3), "NORMAL");
    assertThat(down.action()).isEqualTo(Action.WAIT);
    assertThat(down.message()).contains("waiting for every node to be ready");

    Step unreachable = decide(ring(1), running(3, 3, 3), null);
    assertThat(unreachable.action()).isEqualTo(Action.WAIT);
    assertThat(unreachable.message()).contains("waiting for legerible-city-cassandra-2 to run");

    asked.clear();
    LegeribleLibrary sleeping = ring(1);
    sleeping.getSpec().hibernate = true;
    Step hibernating = decide(sleeping, running(3, 0, 3), "NORMAL");
    assertThat(hibernating.action()).isEqualTo(Action.WAIT);
    assertThat(hibernating.message()).contains("waits until the library wakes");
    assertThat(asked).isEmpty();
  }

  @Test
  void aNewReplicationFactorIsGivenToTheKeyspaceOnceTheRingIsSettled() {
    LegeribleLibrary twoCopies = ring(2);
    twoCopies.getSpec().cassandra.replicationFactor = 2;

    assertThat(decide(twoCopies, running(1, 1, 1), "NORMAL").action())
        .as("the ring grows first")
        .isEqualTo(Action.NONE);
    assertThat(decide(twoCopies, running(2, 2, 1), "NORMAL").action())
        .as("then cleans up")
        .isEqualTo(Action.CLEANUP);
    Step replicate = decide(twoCopies, running(2, 2, 2), "NORMAL");
    assertThat(replicate.action()).isEqualTo(Action.REPLICATE);
    assertThat(replicate.message())
        .isEqualTo(
            "keyspace legerible replication factor 1 → 2: altering it, then a full repair on"
                + " every node");
    assertThat(asked).isEmpty();
  }

  @Test
  void modeIsReadFromNetstats() {
    CassandraRing.Nodetool nodetool =
        new CassandraRing.Nodetool() {
          @Override
          public String output(String pod, List<String> args, Duration timeout) {
            assertThat(args).containsExactly("netstats");
            return "Mode: DECOMMISSIONED\nNot sending any streams.\n";
          }

          @Override
          public void start(String pod, List<String> args) {}
        };
    assertThat(CassandraRing.mode(nodetool, "legerible-city-cassandra-1"))
        .contains("DECOMMISSIONED");
  }

  Step decide(LegeribleLibrary library, StatefulSet statefulSet, String mode) {
    return CassandraRing.decide(
        library,
        statefulSet,
        node -> {
          asked.add(node);
          return Optional.ofNullable(mode);
        });
  }

  static LegeribleLibrary ring(int nodes) {
    return Libraries.city(spec -> spec.cassandra.managed.replicas = nodes);
  }

  /** The ring's StatefulSet sized {@code size}, {@code ready} of them ready, settled at that. */
  static StatefulSet running(int size, int ready, Integer settled) {
    StatefulSet statefulSet =
        new CassandraStatefulSetDependentResource().build(ring(size), Libraries.inputs());
    Map<String, String> annotations = new HashMap<>(statefulSet.getMetadata().getAnnotations());
    if (settled != null) {
      annotations.put(CassandraRing.SETTLED_ANNOTATION, settled.toString());
      annotations.put(CassandraRing.REPLICATION_ANNOTATION, "1");
    }
    statefulSet.getMetadata().setAnnotations(annotations);
    statefulSet.setStatus(
        new StatefulSetStatusBuilder().withReplicas(size).withReadyReplicas(ready).build());
    assertThat(StatefulSets.size(statefulSet)).isEqualTo(size);
    return statefulSet;
  }
}
