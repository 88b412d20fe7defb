package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Kafka: a KRaft cluster run by the operator, or existing brokers; topics are created either way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.managed) != has(self.external)",
    message = "kafka: set exactly one of managed or external")
@ValidationRule(
    value = "!has(self.managed) || self.topicReplicationFactor <= self.managed.replicas",
    message = "kafka.topicReplicationFactor must not exceed kafka.managed.replicas")
@ValidationRule(
    value = "has(self.managed) || self.topicReplicationFactor == oldSelf.topicReplicationFactor",
    message =
        "kafka.topicReplicationFactor is immutable on external brokers: the operator moves"
            + " partitions only on the brokers it runs")
public class KafkaSpec {

  @JsonPropertyDescription("A KRaft Kafka StatefulSet run by the operator.")
  public ManagedKafka managed;

  @JsonPropertyDescription("Existing Kafka brokers; the operator creates only the topics there.")
  public ExternalService external;

  @JsonPropertyDescription(
      "Partitions of each library topic. May grow (the operator adds partitions to the live"
          + " topics), never shrink.")
  @Default("3")
  @Min(1)
  @Max(100)
  @ValidationRule(
      value = "self >= oldSelf",
      message =
          "kafka.partitions can only grow: Kafka cannot remove partitions from a topic (its"
              + " events would be lost)")
  public Integer partitions = 3;

  @JsonPropertyDescription(
      "Copies of each library topic's partitions. On managed brokers it may change: the operator"
          + " moves the partitions to give every one this many copies; immutable on external"
          + " brokers.")
  @Default("1")
  @Min(1)
  @Max(5)
  public Integer topicReplicationFactor = 1;

  /** The default: a managed single-node cluster. */
  public static KafkaSpec managedByDefault() {
    KafkaSpec spec = new KafkaSpec();
    spec.managed = new ManagedKafka();
    return spec;
  }

  /** Whether the operator runs the brokers. */
  public boolean managedByOperator() {
    return managed != null;
  }
}
