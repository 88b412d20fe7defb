package io.legerible.operator.dependent.kafka;

import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.platform.ConnectionContract;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;

/**
 * A library's managed Kafka through its admin API, at the bootstrap address the programs get: a
 * client per call, since calls are rare (a resize under way).
 */
public record ClusterAdmin(LegeribleLibrary library) implements KafkaBrokers.Cluster {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Override
  public KafkaBrokers.View view() {
    try (Admin admin = admin()) {
      Set<Integer> alive = new HashSet<>();
      Set<Integer> fenced = new HashSet<>();
      for (Node node :
          get(
              admin
                  .describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                  .nodes())) {
        (node.isFenced() ? fenced : alive).add(node.id());
      }
      Set<String> topics =
          get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
      Map<TopicPartition, List<Integer>> replicas = new HashMap<>();
      get(admin.describeTopics(topics).allTopicNames())
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          partition ->
                              replicas.put(
                                  new TopicPartition(topic, partition.partition()),
                                  partition.replicas().stream().map(Node::id).toList())));
      int reassigning = get(admin.listPartitionReassignments().reassignments()).size();
      return new KafkaBrokers.View(alive, fenced, replicas, reassigning);
    }
  }

  @Override
  public void reassign(Map<TopicPartition, List<Integer>> moves) {
    Map<TopicPartition, Optional<NewPartitionReassignment>> reassignments = new HashMap<>();
    moves.forEach(
        (partition, brokers) ->
            reassignments.put(partition, Optional.of(new NewPartitionReassignment(brokers))));
    try (Admin admin = admin()) {
      get(admin.alterPartitionReassignments(reassignments).all());
    }
  }

  @Override
  public void unregister(int broker) {
    try (Admin admin = admin()) {
      get(admin.unregisterBroker(broker).all());
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof BrokerIdNotRegisteredException)) {
        throw e;
      }
    }
  }

  private Admin admin() {
    Properties config = new Properties();
    config.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConnectionContract.kafkaBootstrap(library, library.getSpec().kafka));
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return Admin.create(config);
  }

  /** The future's value; its failure as an unchecked exception naming the cause. */
  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no answer from Kafka within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
