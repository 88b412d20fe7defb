package io.legerible.operator.dependent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Where partition copies go when brokers come and go or topics want more or fewer copies. */
class ReplicaPlacementTest {

  @Test
  void moreCopiesGoToTheLeastLoadedNewBrokersAndTheLeaderStaysFirst() {
    Map<TopicPartition, List<Integer>> current = new LinkedHashMap<>();
    for (int p = 0; p < 3; p++) {
      current.put(new TopicPartition("loans", p), List.of(0));
    }

    ReplicaPlacement.Plan plan =
        ReplicaPlacement.plan(current, new TreeSet<>(List.of(0, 100, 101)), topic -> 2);

    assertThat(plan.stranded()).isEmpty();
    assertThat(plan.moves())
        .containsEntry(new TopicPartition("loans", 0), List.of(0, 100))
        .containsEntry(new TopicPartition("loans", 1), List.of(0, 101))
        .containsEntry(new TopicPartition("loans", 2), List.of(0, 100));
  }

  @Test
  void aLeavingBrokersCopiesMoveToTheOthersAndNothingElseMoves() {
    Map<TopicPartition, List<Integer>> current = new LinkedHashMap<>();
    current.put(new TopicPartition("loans", 0), List.of(101, 0));
    current.put(new TopicPartition("loans", 1), List.of(0, 100));
    current.put(new TopicPartition("__consumer_offsets", 0), List.of(100, 101));

    ReplicaPlacement.Plan plan =
        ReplicaPlacement.plan(current, new TreeSet<>(List.of(0, 100)), topic -> 2);

    assertThat(plan.moves())
        .containsOnly(
            Map.entry(new TopicPartition("loans", 0), List.of(0, 100)),
            Map.entry(new TopicPartition("__consumer_offsets", 0), List.of(100, 0)));
  }

  @Test
  void fewerCopiesDropTheLastOnes() {
    Map<TopicPartition, List<Integer>> current =
        Map.of(new TopicPartition("loans", 0), List.of(100, 0, 101));

    assertThat(ReplicaPlacement.plan(current, new TreeSet<>(List.of(0, 100, 101)), t -> 1).moves())
        .containsExactly(Map.entry(new TopicPartition("loans", 0), List.of(100)));
  }

  @Test
  void aPartitionWithMoreCopiesThanBrokersIsStrandedAndNamed() {
    Map<TopicPartition, List<Integer>> current =
        Map.of(new TopicPartition("audit", 0), List.of(0, 100, 101));

    ReplicaPlacement.Plan plan =
        ReplicaPlacement.plan(current, new TreeSet<>(List.of(0, 100)), topic -> 3);

    assertThat(plan.moves()).isEmpty();
    assertThat(plan.stranded())
        .containsExactly(
            "audit-0 has 3 copies (on brokers [0, 100, 101]), more than the 2 brokers [0, 100]"
                + " left");
  }
}
