package io.legerible.operator.dependent.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition's copies go when the brokers or the wanted copies change: the copies already
 * on a kept broker stay (the leader first), extra ones are dropped from the end, missing ones go to
 * the kept broker holding the fewest copies. Pure.
 */
public final class ReplicaPlacement {

  /**
   * The new replica lists of the partitions that must change ({@code moves}), and why the brokers
   * cannot hold some partitions at all ({@code stranded}: the wanted copies outnumber them).
   */
  public record Plan(Map<TopicPartition, List<Integer>> moves, List<String> stranded) {}

  private ReplicaPlacement() {}

  /**
   * The plan giving every partition of {@code current} exactly {@code copies} of its topic, all on
   * {@code brokers}.
   */
  public static Plan plan(
      Map<TopicPartition, List<Integer>> current,
      SortedSet<Integer> brokers,
      ToIntFunction<String> copies) {
    Map<Integer, Integer> load = new HashMap<>();
    brokers.forEach(broker -> load.put(broker, 0));
    current
        .values()
        .forEach(replicas -> replicas.forEach(b -> load.computeIfPresent(b, (k, n) -> n + 1)));
    Map<TopicPartition, List<Integer>> moves = new LinkedHashMap<>();
    List<String> stranded = new ArrayList<>();
    List<TopicPartition> partitions =
        current.keySet().stream()
            .sorted(
                Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition))
            .toList();
    for (TopicPartition partition : partitions) {
      List<Integer> replicas = current.get(partition);
      int wanted = copies.applyAsInt(partition.topic());
      if (wanted > brokers.size()) {
        stranded.add(
            partition
                + " has "
                + wanted
                + " copies (on brokers "
                + replicas
                + "), more than the "
                + brokers.size()
                + " brokers "
                + brokers
                + " left");
        continue;
      }
      List<Integer> placed = new ArrayList<>(replicas.stream().filter(brokers::contains).toList());
      while (placed.size() > wanted) {
        load.computeIfPresent(placed.remove(placed.size() - 1), (k, n) -> n - 1);
      }
      while (placed.size() < wanted) {
        int broker =
            brokers.stream()
                .filter(b -> !placed.contains(b))
                .min(Comparator.comparingInt((Integer b) -> load.get(b)).thenComparing(b -> b))
                .orElseThrow();
        placed.add(broker);
        load.computeIfPresent(broker, (k, n) -> n + 1);
      }
      if (!placed.equals(replicas)) {
        moves.put(partition, List.copyOf(placed));
      }
    }
    return new Plan(moves, stranded);
  }
}
