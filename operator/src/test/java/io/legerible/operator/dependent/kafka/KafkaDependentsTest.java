package io.legerible.operator.dependent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.operator.api.ExternalService;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaDependentsTest {

  @Test
  void threeNodeClusterHasAQuorumOfThreeVotersAndStableNames() {
    var library =
        Libraries.city(
            spec -> {
              spec.kafka.managed.replicas = 3;
              spec.kafka.topicReplicationFactor = 3;
            });
    var statefulSet = new KafkaStatefulSetDependentResource().build(library, Libraries.inputs());
    assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
    assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    var container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(DefaultImages.BUILT_IN.kafka());
    Map<String, EnvVar> env =
        container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").getValue())
        .isEqualTo(
            "0@legerible-city-kafka-0.legerible-city-kafka.town.svc:9093,"
                + "1@legerible-city-kafka-1.legerible-city-kafka.town.svc:9093,"
                + "2@legerible-city-kafka-2.legerible-city-kafka.town.svc:9093");
    assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").getValue())
        .isEqualTo("PLAINTEXT://$(POD_NAME).legerible-city-kafka.$(POD_NAMESPACE).svc:9092");
    assertThat(env.get("KAFKA_NODE_ID").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").getValue()).isEqualTo("3");
    assertThat(env.get("CLUSTER_ID").getValue()).hasSize(22);
  }

  @Test
  void brokersBeyondTheControllersAreBrokerOnlyNodesOfTheSameCluster() {
    var library = Libraries.city(spec -> spec.kafka.managed.replicas = 5);
    var controllers = new KafkaStatefulSetDependentResource().build(library, Libraries.inputs());
    var brokers = new KafkaBrokerStatefulSetDependentResource().build(library, Libraries.inputs());

    assertThat(controllers.getSpec().getReplicas()).isEqualTo(3);
    assertThat(brokers.getMetadata().getName()).isEqualTo("legerible-city-kafka-broker");
    assertThat(brokers.getSpec().getReplicas()).isEqualTo(2);
    assertThat(brokers.getSpec().getServiceName()).isEqualTo("legerible-city-kafka-broker");
    var container = brokers.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env =
        container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    Map<String, EnvVar> controllerEnv =
        controllers.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("KAFKA_PROCESS_ROLES").getValue()).isEqualTo("broker");
    assertThat(env.get("KAFKA_LISTENERS").getValue()).isEqualTo("PLAINTEXT://:9092");
    assertThat(env.get("KAFKA_NODE_ID").getValue()).isEqualTo("10$(POD_INDEX)");
    assertThat(container.getEnv().indexOf(env.get("POD_INDEX")))
        .as("defined before the value that refers to it")
        .isLessThan(container.getEnv().indexOf(env.get("KAFKA_NODE_ID")));
    assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").getValue())
        .isEqualTo("PLAINTEXT://$(POD_NAME).legerible-city-kafka-broker.$(POD_NAMESPACE).svc:9092");
    for (String shared :
        List.of(
            "CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES")) {
      assertThat(env.get(shared)).as(shared).isEqualTo(controllerEnv.get(shared));
    }
    assertThat(container.getPorts()).extracting(port -> port.getName()).containsExactly("client");
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().getStrVal())
        .isEqualTo("client");
    assertThat(brokers.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "kafka-broker");
  }

  @Test
  void clusterIdDependsOnlyOnNamespaceAndName() {
    var city = Libraries.city();
    var again = Libraries.city(spec -> spec.kafka.partitions = 7);
    again.getMetadata().setUid("another-uid");
    assertThat(KafkaStatefulSetDependentResource.clusterId(city))
        .isEqualTo(KafkaStatefulSetDependentResource.clusterId(again));
    var elsewhere = Libraries.city();
    elsewhere.getMetadata().setNamespace("village");
    assertThat(KafkaStatefulSetDependentResource.clusterId(elsewhere))
        .isNotEqualTo(KafkaStatefulSetDependentResource.clusterId(city));
  }

  @Test
  void topicsJobCreatesEveryTopicAndItsDeadLetterTopic() {
    var job = new KafkaTopicsJobDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(job.getMetadata().getName()).isEqualTo("legerible-city-kafka-topics");
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env =
        container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry(
            "TOPICS", "library.loans library.loans.dlt library.book-scans library.book-scans.dlt")
        .containsEntry("BOOTSTRAP_SERVERS", "legerible-city-kafka.town.svc:9092")
        .containsEntry("PARTITIONS", "3")
        .containsEntry("REPLICATION_FACTOR", "1");
    assertThat(String.join(" ", container.getCommand()))
        .contains("kafka-topics.sh")
        .contains("--if-not-exists");
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("OnFailure");
  }

  @Test
  void topicsJobTargetsExternalBrokers() {
    var library =
        Libraries.city(
            spec -> {
              spec.kafka.managed = null;
              spec.kafka.external = new ExternalService();
              spec.kafka.external.endpoints =
                  List.of("kafka-a.example.org:9092", "kafka-b.example.org:9092");
            });
    var job = new KafkaTopicsJobDependentResource().build(library, Libraries.inputs());
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .contains(
            new EnvVar(
                "BOOTSTRAP_SERVERS", "kafka-a.example.org:9092,kafka-b.example.org:9092", null));
  }

  @Test
  void headlessServicePublishesNodesBeforeTheyAreReady() {
    var service = new KafkaServiceDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
  }
}
