package io.legerible.operator.dependent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.legerible.contracts.Topics;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.dependent.kafka.KafkaBrokers.Action;
import io.legerible.operator.dependent.kafka.KafkaBrokers.KeptNodes;
import io.legerible.operator.dependent.kafka.KafkaBrokers.Step;
import io.legerible.operator.dependent.kafka.KafkaBrokers.View;
import io.legerible.operator.testing.Libraries;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Each step of resizing Kafka, judged from the spec, the StatefulSets and the cluster's view. */
class KafkaBrokersTest {

  final AtomicInteger asked = new AtomicInteger();

  @Test
  void aSettledClusterIsNotAsked() {
    Step step =
        decide(
            kafka(3, 3),
            controllers(1, 1, "brokers=3,topicReplicationFactor=3"),
            brokers(2, 2),
            view());

    assertThat(step.action()).isEqualTo(Action.NONE);
    assertThat(step.brokerNodes()).isEqualTo(2);
    assertThat(step.controllers()).isEqualTo(1);
    assertThat(asked).hasValue(0);
  }

  @Test
  void aClusterOfControllersFirstSeenIsRecordedWithoutAsking() {
    Step step = decide(kafka(1, 1), controllers(1, 1, null), null, view());

    assertThat(step.action()).isEqualTo(Action.SETTLE);
    assertThat(asked).hasValue(0);
  }

  @Test
  void theControllersAreThoseTheClusterWasCreatedWith() {
    assertThat(KafkaBrokers.controllers(kafka(1, 1), null, KeptNodes.NONE)).isEqualTo(1);
    assertThat(KafkaBrokers.controllers(kafka(2, 1), null, KeptNodes.NONE))
        .as("a quorum of 2 is no better")
        .isEqualTo(1);
    assertThat(KafkaBrokers.controllers(kafka(5, 1), null, KeptNodes.NONE)).isEqualTo(3);
    assertThat(KafkaBrokers.controllers(kafka(5, 1), controllers(1, 1, null), KeptNodes.NONE))
        .isEqualTo(1);
    assertThat(KafkaBrokers.brokerId(0)).isEqualTo(100);
    assertThat(KafkaBrokers.brokerId(4)).isEqualTo(104);
  }

  @Test
  void aLibraryAppliedAgainOverItsKeptClaimsHasTheControllersItWasFormedWith() {
    List<PersistentVolumeClaim> kept =
        Stream.of(
                "data-legerible-city-kafka-0",
                "data-legerible-city-kafka-broker-0",
                "data-legerible-city-kafka-broker-1",
                "data-legerible-city-cassandra-0",
                "data-legerible-town-kafka-2")
            .map(
                name ->
                    new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
            .toList();
    KeptNodes nodes = KeptNodes.of(kafka(3, 1), kept);
    assertThat(nodes).isEqualTo(new KeptNodes(1, 2));

    Step step = KafkaBrokers.decide(kafka(3, 1), null, null, nodes, KafkaBrokersTest::view);
    assertThat(step.controllers()).as("not the 3 a new library of 3 brokers gets").isEqualTo(1);
    assertThat(step.brokerNodes()).isEqualTo(2);

    Step again =
        KafkaBrokers.decide(
            kafka(1, 1),
            controllers(1, 1, null),
            null,
            new KeptNodes(1, 2),
            () -> {
              asked.incrementAndGet();
              return view(
                  Set.of(0),
                  Set.of(100, 101),
                  0,
                  Map.of(new TopicPartition(Topics.LOANS, 0), List.of(101, 0)));
            });
    assertThat(again.action())
        .as("applied again with fewer brokers: their partitions are moved, not taken as settled")
        .isEqualTo(Action.MOVE);
    assertThat(again.moves()).containsEntry(new TopicPartition(Topics.LOANS, 0), List.of(0));
  }

  @Test
  void growingStartsTheBrokersThenGivesThePartitionsTheirCopies() {
    String settled = "brokers=1,topicReplicationFactor=1";
    Step start = decide(kafka(3, 3), controllers(1, 1, settled), null, view());
    assertThat(start.action()).isEqualTo(Action.GROW);
    assertThat(start.brokerNodes()).isEqualTo(2);
    assertThat(start.message()).isEqualTo("kafka 1 → 3 brokers: starting brokers 100, 101");
    assertThat(asked).hasValue(0);

    Step starting = decide(kafka(3, 3), controllers(1, 1, settled), brokers(2, 1), view());
    assertThat(starting.action()).isEqualTo(Action.WAIT);
    assertThat(starting.brokerNodes()).isEqualTo(2);

    Step unregistered =
        decide(
            kafka(3, 3),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100), Set.of(), 0, Map.of()));
    assertThat(unregistered.message()).endsWith("waiting for brokers [101] to register");

    Map<TopicPartition, List<Integer>> placed = new LinkedHashMap<>();
    placed.put(new TopicPartition(Topics.LOANS, 0), List.of(0));
    placed.put(new TopicPartition("__consumer_offsets", 0), List.of(0));
    Step move =
        decide(
            kafka(3, 3),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 0, placed));
    assertThat(move.action()).isEqualTo(Action.MOVE);
    assertThat(move.moves())
        .containsEntry(new TopicPartition(Topics.LOANS, 0), List.of(0, 100, 101))
        .containsEntry(new TopicPartition("__consumer_offsets", 0), List.of(0, 100, 101));
    assertThat(move.reason()).isEqualTo(KafkaBrokers.SCALING);

    Step moving =
        decide(
            kafka(3, 3),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 2, placed));
    assertThat(moving.action()).isEqualTo(Action.WAIT);
    assertThat(moving.message()).isEqualTo("kafka 1 → 3 brokers: 2 partitions are moving");

    Map<TopicPartition, List<Integer>> moved = new LinkedHashMap<>();
    moved.put(new TopicPartition(Topics.LOANS, 0), List.of(0, 100, 101));
    moved.put(new TopicPartition("__consumer_offsets", 0), List.of(0, 100, 101));
    Step done =
        decide(
            kafka(3, 3),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 0, moved));
    assertThat(done.action()).isEqualTo(Action.SETTLE);
    assertThat(done.reason()).isNull();
  }

  @Test
  void aLeavingBrokerHandsOverEveryCopyThenGoesAndIsUnregistered() {
    String settled = "brokers=3,topicReplicationFactor=3";
    Map<TopicPartition, List<Integer>> threeCopies =
        Map.of(new TopicPartition(Topics.LOANS, 0), List.of(101, 0, 100));
    Step start =
        decide(
            kafka(2, 2),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 0, threeCopies));
    assertThat(start.action()).isEqualTo(Action.MOVE);
    assertThat(start.brokerNodes()).as("the broker stays until it holds nothing").isEqualTo(2);
    assertThat(start.moves()).containsEntry(new TopicPartition(Topics.LOANS, 0), List.of(0, 100));
    assertThat(start.message()).contains("moving every copy off broker 101");

    Map<TopicPartition, List<Integer>> twoCopies =
        Map.of(new TopicPartition(Topics.LOANS, 0), List.of(0, 100));
    Step release =
        decide(
            kafka(2, 2),
            controllers(1, 1, settled),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 0, twoCopies));
    assertThat(release.action()).isEqualTo(Action.RELEASE);
    assertThat(release.brokerNodes()).isEqualTo(1);
    assertThat(release.brokers()).containsExactly(101);

    Step stopping =
        decide(
            kafka(2, 2),
            controllers(1, 1, settled),
            brokers(1, 1),
            view(Set.of(0, 100, 101), Set.of(), 0, twoCopies));
    assertThat(stopping.action()).isEqualTo(Action.WAIT);
    assertThat(stopping.message())
        .isEqualTo("kafka 3 → 2 brokers: waiting for brokers [101] to stop");

    Step unregister =
        decide(
            kafka(2, 2),
            controllers(1, 1, settled),
            brokers(1, 1),
            view(Set.of(0, 100), Set.of(101), 0, twoCopies));
    assertThat(unregister.action()).isEqualTo(Action.UNREGISTER);
    assertThat(unregister.brokers()).containsExactly(101);

    Step done =
        decide(
            kafka(2, 2),
            controllers(1, 1, settled),
            brokers(1, 1),
            view(Set.of(0, 100), Set.of(), 0, twoCopies));
    assertThat(done.action()).isEqualTo(Action.SETTLE);
  }

  @Test
  void aPartitionTheRemainingBrokersCannotHoldStopsTheShrinkAndSaysWhere() {
    Map<TopicPartition, List<Integer>> audit =
        Map.of(new TopicPartition("audit", 0), List.of(0, 100, 101));
    Step step =
        decide(
            kafka(2, 1),
            controllers(1, 1, "brokers=3,topicReplicationFactor=1"),
            brokers(2, 2),
            view(Set.of(0, 100, 101), Set.of(), 0, audit));

    assertThat(step.action()).isEqualTo(Action.BLOCKED);
    assertThat(step.brokerNodes()).isEqualTo(2);
    assertThat(step.reason()).isEqualTo(KafkaBrokers.BLOCKED);
    assertThat(step.message())
        .isEqualTo(
            "kafka 3 → 2 brokers: refused while audit-0 has 3 copies (on brokers [0, 100, 101]),"
                + " more than the 2 brokers [0, 100] left. Lower that topic's replication factor,"
                + " or keep 3 brokers");
  }

  @Test
  void aShrinkWaitsForAHibernatingLibraryAndForAnUnreachableCluster() {
    String settled = "brokers=3,topicReplicationFactor=1";
    LegeribleLibrary hibernating = kafka(2, 1);
    hibernating.getSpec().hibernate = true;
    Step asleep = decide(hibernating, controllers(1, 1, settled), brokers(2, 2), view());
    assertThat(asleep.action()).isEqualTo(Action.WAIT);
    assertThat(asleep.brokerNodes()).isEqualTo(2);
    assertThat(asleep.message()).endsWith("moving partitions waits until the library wakes");

    Step unreachable =
        KafkaBrokers.decide(
            kafka(2, 1),
            controllers(1, 1, settled),
            brokers(2, 2),
            KeptNodes.NONE,
            () -> {
              throw new IllegalStateException("no answer from Kafka within 20 s");
            });
    assertThat(unreachable.action()).isEqualTo(Action.WAIT);
    assertThat(unreachable.brokerNodes()).isEqualTo(2);
    assertThat(unreachable.message())
        .endsWith("cannot ask Kafka where its partitions are (no answer from Kafka within 20 s)");
  }

  private Step decide(
      LegeribleLibrary library, StatefulSet controllers, StatefulSet brokers, View view) {
    return KafkaBrokers.decide(
        library,
        controllers,
        brokers,
        KeptNodes.NONE,
        () -> {
          asked.incrementAndGet();
          return view;
        });
  }

  private static View view() {
    return view(Set.of(0), Set.of(), 0, Map.of());
  }

  private static View view(
      Set<Integer> alive,
      Set<Integer> fenced,
      int reassigning,
      Map<TopicPartition, List<Integer>> replicas) {
    return new View(alive, fenced, replicas, reassigning);
  }

  static LegeribleLibrary kafka(int brokers, int copies) {
    return Libraries.city(
        spec -> {
          spec.kafka.managed.replicas = brokers;
          spec.kafka.topicReplicationFactor = copies;
        });
  }

  /** The controllers' StatefulSet sized {@code size}, {@code ready} ready, settled as given. */
  static StatefulSet controllers(int size, int ready, String settled) {
    StatefulSet statefulSet =
        new KafkaStatefulSetDependentResource().build(kafka(size, 1), Libraries.inputs());
    Map<String, String> annotations = new HashMap<>(statefulSet.getMetadata().getAnnotations());
    if (settled != null) {
      annotations.put(KafkaBrokers.SETTLED_ANNOTATION, settled);
    }
    statefulSet.getMetadata().setAnnotations(annotations);
    statefulSet.setStatus(
        new StatefulSetStatusBuilder().withReplicas(size).withReadyReplicas(ready).build());
    assertThat(StatefulSets.size(statefulSet)).isEqualTo(size);
    return statefulSet;
  }

  /** The broker-only nodes' StatefulSet sized {@code size}, {@code ready} of them ready. */
  static StatefulSet brokers(int size, int ready) {
    StatefulSet statefulSet =
        new KafkaBrokerStatefulSetDependentResource().build(kafka(1 + size, 1), Libraries.inputs());
    StatefulSets.identify(
        statefulSet, kafka(1 + size, 1), io.legerible.operator.naming.Component.KAFKA_BROKER, size);
    statefulSet.setStatus(
        new StatefulSetStatusBuilder().withReplicas(size).withReadyReplicas(ready).build());
    return statefulSet;
  }
}
