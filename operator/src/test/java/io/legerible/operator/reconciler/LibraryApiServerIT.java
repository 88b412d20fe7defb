package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.operator.testing.RunningOperator;
import io.legerible.testkit.kubernetes.KubeApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD's schema and CEL rules, spec checks and write discipline, on a real API server (no
 * controllers, so workloads never become ready here).
 */
class LibraryApiServerIT {

  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void startOperator() {
    client = KubeApiServer.shared().newClient();
    operator = RunningOperator.start(client);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
    client.close();
  }

  static Stream<Arguments> specsTheApiServerRejects() {
    return Stream.of(
        Arguments.of("webapp: {replicas: 0}", "spec.webapp.replicas"),
        Arguments.of("webapp: {replicas: 51}", "spec.webapp.replicas"),
        Arguments.of(
            "postgres: {managed: {}, external: {endpoints: ['db:5432'], credentialsSecret: db}}",
            "postgres: set exactly one of managed or external"),
        Arguments.of("postgres: {}", "postgres: set exactly one of managed or external"),
        Arguments.of(
            "postgres: {external: {endpoints: ['db:5432']}}",
            "postgres.external.credentialsSecret is required"),
        Arguments.of("memcached: {}", "memcached: set exactly one of managed or external"),
        Arguments.of("kafka: {}", "kafka: set exactly one of managed or external"),
        Arguments.of("cassandra: {}", "cassandra: set exactly one of managed or external"),
        Arguments.of("kafka: {managed: {replicas: 0}}", "spec.kafka.managed.replicas"),
        Arguments.of(
            "kafka: {managed: {replicas: 1}, topicReplicationFactor: 3}",
            "kafka.topicReplicationFactor must not exceed kafka.managed.replicas"),
        Arguments.of(
            "cassandra: {managed: {replicas: 1}, replicationFactor: 3}",
            "cassandra.replicationFactor must not exceed cassandra.managed.replicas"),
        Arguments.of(
            "postgres: {managed: {storage: {size: 'lots'}}}", "spec.postgres.managed.storage.size"),
        Arguments.of(
            "postgres: {managed: {backup: {retain: 0}}}", "spec.postgres.managed.backup.retain"),
        Arguments.of(
            "postgres: {managed: {restoreFrom: {claim: city-backups}}}",
            "spec.postgres.managed.restoreFrom.backup"),
        Arguments.of(
            "postgres: {managed: {restoreFrom: {claim: city-backups, backup: '../PG_VERSION'}}}",
            "spec.postgres.managed.restoreFrom.backup"),
        Arguments.of(
            "postgres: {managed: {restoreFrom: {backup: 20261205T030000Z.dump}}}",
            "restoreFrom: name exactly one of claim or objectStore, where the backup is"),
        Arguments.of(
            "postgres: {managed: {restoreFrom: {claim: city-backups, objectStore: {bucket: b1b},"
                + " backup: 20261205T030000Z.dump}}}",
            "restoreFrom: name exactly one of claim or objectStore, where the backup is"),
        Arguments.of(
            "postgres: {managed: {backup: {objectStore: {bucket: Library_Backups}}}}",
            "spec.postgres.managed.backup.objectStore.bucket"),
        Arguments.of(
            "postgres: {managed: {backup: {objectStore: {bucket: backups, endpoint: 'minio:9000'}}}}",
            "spec.postgres.managed.backup.objectStore.endpoint"),
        Arguments.of(
            "postgres: {managed: {backup: {objectStore: {bucket: backups, prefix: '/city'}}}}",
            "spec.postgres.managed.backup.objectStore.prefix"),
        Arguments.of("catalogue: everything", "spec.catalogue"),
        Arguments.of(
            "analytics: {rankingStream: {windowMinutes: 5, windowSlideMinutes: 10}}",
            "rankingStream.windowSlideMinutes must not exceed rankingStream.windowMinutes"),
        Arguments.of("analytics: {rankingStream: {triggerSeconds: 0}}", "triggerSeconds"),
        Arguments.of("bookFeed: {ratePerSecond: -1}", "spec.bookFeed.ratePerSecond"),
        Arguments.of("memcached: {external: {endpoints: []}}", "spec.memcached.external.endpoints"),
        Arguments.of(
            "kafka: {external: {endpoints: ['not a host']}}", "spec.kafka.external.endpoints"),
        Arguments.of("webapp: {ingress: {host: 'Not_A_Host'}}", "spec.webapp.ingress.host"),
        Arguments.of(
            "analytics: {executors: {instances: 0}}", "spec.analytics.executors.instances"),
        Arguments.of("analytics: {executors: {memory: '1 GB'}}", "spec.analytics.executors.memory"),
        Arguments.of("memcached: {managed: {memoryMegabytes: 1}}", "memoryMegabytes"),
        Arguments.of(
            "webapp: {placement: {priorityClassName: 'High_Priority'}}",
            "spec.webapp.placement.priorityClassName"),
        Arguments.of(
            "kafka: {managed: {placement: {tolerations: [{key: dedicated, operator: Sometimes}]}}}",
            "spec.kafka.managed.placement.tolerations[0].operator"),
        Arguments.of(
            "cassandra: {managed: {placement: {tolerations: [{key: dedicated, effect: NoRun}]}}}",
            "spec.cassandra.managed.placement.tolerations[0].effect"),
        Arguments.of(
            "bookFeed: {placement: {tolerations: [{key: dedicated, operator: Exists, value: x}]}}",
            "a toleration with operator Exists matches every value: remove its value"),
        Arguments.of(
            "analytics: {placement: {tolerations: [{operator: Equal, value: x}]}}",
            "a toleration without a key must have operator Exists"),
        Arguments.of(
            "postgres: {managed: {placement: {tolerations: [{key: dedicated, effect: NoSchedule,"
                + " tolerationSeconds: 30}]}}}",
            "tolerationSeconds applies only to a toleration with effect NoExecute"));
  }

  @ParameterizedTest
  @MethodSource("specsTheApiServerRejects")
  void apiServerRejectsInvalidSpecWithTheRulesMessage(String spec, String expectedMessage) {
    String namespace = operator.newNamespace("schema");
    // Sent as plain YAML: some of these specs do not even map onto the Java model.
    GenericKubernetesResource library =
        Serialization.unmarshal(
            RunningOperator.libraryYaml("bad", spec), GenericKubernetesResource.class);
    library.getMetadata().setNamespace(namespace);
    assertThatThrownBy(() -> client.resource(library).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(expectedMessage);
  }

  @Test
  void shrinkingStorageIsRefusedWithTheReason() {
    String namespace = operator.newNamespace("shrink");
    LegeribleLibrary library =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml(
                        "city", "postgres: {managed: {storage: {size: 2Gi}}}"),
                    namespace))
            .create();
    library.getSpec().postgres.managed.storage.size = "1536Mi";
    assertThatThrownBy(() -> client.resource(library).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(
            "storage size cannot shrink from 2Gi to 1536Mi: a volume never shrinks");
  }

  @Test
  void growingStorageIsAcceptedComparingAmountsNotSpellings() {
    String namespace = operator.newNamespace("grow");
    LegeribleLibrary library =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml(
                        "city",
                        "postgres: {managed: {storage: {size: 1Gi}}}\n"
                            + "  kafka: {managed: {storage: {size: 1Gi}}}"),
                    namespace))
            .create();
    library.getSpec().postgres.managed.storage.size = "1536Mi";
    library.getSpec().kafka.managed.storage.size = "1024Mi";

    LegeribleLibrary updated = client.resource(library).update();

    assertThat(updated.getSpec().postgres.managed.storage.size).isEqualTo("1536Mi");
    assertThat(updated.getSpec().kafka.managed.storage.size).isEqualTo("1024Mi");
  }

  @Test
  void storageClassAndCheckpointSizeStayImmutable() {
    String namespace = operator.newNamespace("immutable");
    LegeribleLibrary library =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml(
                        "city", "postgres: {managed: {storage: {storageClass: standard}}}"),
                    namespace))
            .create();
    library.getSpec().postgres.managed.storage.storageClass = "fast";
    library.getSpec().analytics.rankingStream.checkpointStorage.size = "2Gi";
    assertThatThrownBy(() -> client.resource(library).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("storage class is immutable once set")
        .hasMessageContaining("checkpointStorage.size is immutable once set");
  }

  @Test
  void replicationFactorChangesOnAManagedRingOnlyAndNeverBeyondItsNodes() {
    String namespace = operator.newNamespace("replication");
    LegeribleLibrary managed =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml("city", "cassandra: {managed: {replicas: 2}}"),
                    namespace))
            .create();
    managed.getSpec().cassandra.replicationFactor = 2;
    assertThat(client.resource(managed).update().getSpec().cassandra.replicationFactor)
        .isEqualTo(2);
    LegeribleLibrary shrunk = client.resource(managed).get();
    shrunk.getSpec().cassandra.managed.replicas = 1;
    assertThatThrownBy(() -> client.resource(shrunk).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "cassandra.replicationFactor must not exceed cassandra.managed.replicas");

    LegeribleLibrary external =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml(
                        "lake", "cassandra: {external: {endpoints: ['cassandra.example:9042']}}"),
                    namespace))
            .create();
    external.getSpec().cassandra.replicationFactor = 3;
    assertThatThrownBy(() -> client.resource(external).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("cassandra.replicationFactor of an external Cassandra is immutable");
  }

  @Test
  void topicCopiesChangeOnManagedBrokersOnlyAndNeverBeyondThem() {
    String namespace = operator.newNamespace("topic-copies");
    LegeribleLibrary managed =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml("city", "kafka: {managed: {replicas: 2}}"),
                    namespace))
            .create();
    managed.getSpec().kafka.topicReplicationFactor = 2;
    assertThat(client.resource(managed).update().getSpec().kafka.topicReplicationFactor)
        .isEqualTo(2);
    LegeribleLibrary shrunk = client.resource(managed).get();
    shrunk.getSpec().kafka.managed.replicas = 1;
    assertThatThrownBy(() -> client.resource(shrunk).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "kafka.topicReplicationFactor must not exceed kafka.managed.replicas");

    LegeribleLibrary external =
        client
            .resource(
                RunningOperator.parse(
                    RunningOperator.libraryYaml(
                        "stream", "kafka: {external: {endpoints: ['kafka.example:9092']}}"),
                    namespace))
            .create();
    external.getSpec().kafka.topicReplicationFactor = 3;
    assertThatThrownBy(() -> client.resource(external).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("kafka.topicReplicationFactor is immutable on external brokers");
  }

  @Test
  void moreKafkaBrokersAreBrokerOnlyNodesAndNoneLeavesBeforeKafkaIsAsked() {
    String namespace = operator.newNamespace("brokers");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    var statefulSets = client.apps().statefulSets().inNamespace(namespace);
    await()
        .atMost(RunningOperator.patience())
        .until(() -> statefulSets.withName("legerible-city-kafka").get() != null);
    var voters =
        kafkaEnv(
            statefulSets.withName("legerible-city-kafka").get(), "KAFKA_CONTROLLER_QUORUM_VOTERS");

    var city = client.resources(LegeribleLibrary.class).inNamespace(namespace).withName("city");
    city.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"kafka\":{\"managed\":{\"replicas\":3}}}}");

    var brokers = statefulSets.withName("legerible-city-kafka-broker");
    await().atMost(RunningOperator.patience()).until(() -> brokers.get() != null);
    assertThat(brokers.get().getSpec().getReplicas()).isEqualTo(2);
    assertThat(kafkaEnv(brokers.get(), "KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(voters);
    assertThat(
            client.services().inNamespace(namespace).withName("legerible-city-kafka-broker").get())
        .isNotNull();
    var budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace);
    assertThat(budgets.withName("legerible-city-kafka-broker").get()).isNotNull();
    var controllers = statefulSets.withName("legerible-city-kafka").get();
    assertThat(controllers.getSpec().getReplicas())
        .as("the controllers stay as created")
        .isEqualTo(1);
    assertThat(budgets.withName("legerible-city-kafka").get())
        .as("one controller: nothing to budget")
        .isNull();
    assertThat(kafkaEnv(controllers, "KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(voters);

    // No pod runs on this tier: the brokers never become ready, so nothing may leave.
    city.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"kafka\":{\"managed\":{\"replicas\":1}}}}");
    Condition applied =
        await()
            .atMost(RunningOperator.patience())
            .until(
                () ->
                    Conditions.find(
                            library(namespace, "city").getStatus().conditions,
                            ConditionTypes.SPEC_APPLIED)
                        .orElse(null),
                c ->
                    c != null
                        && c.getMessage()
                            .contains("kafka 3 → 1 brokers: waiting for every broker to be ready"));
    assertThat(applied.getStatus()).isEqualTo("False");
    assertThat(brokers.get().getSpec().getReplicas()).isEqualTo(2);
  }

  private static String kafkaEnv(StatefulSet statefulSet, String name) {
    return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(variable -> name.equals(variable.getName()))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  static Stream<Arguments> specsReportedInvalid() {
    return Stream.of(
        Arguments.of("a-library-name-that-is-far-too-long-for-pods", "{}", "use at most 26"),
        Arguments.of(
            "badcron",
            "analytics: {recommendations: {schedule: 'every hour'}}",
            "must have five fields"),
        Arguments.of(
            "cronrange",
            "analytics: {recommendations: {schedule: '61 * * * *'}}",
            "61 is outside the minute range 0-59"),
        Arguments.of(
            "backupcron",
            "postgres: {managed: {backup: {schedule: 'nightly'}}}",
            "postgres.managed.backup.schedule 'nightly' must have five fields"),
        Arguments.of(
            "memory",
            "webapp: {resources: {memoryRequest: 2Gi, memoryLimit: 1Gi}}",
            "webapp.resources.memoryRequest 2Gi exceeds memoryLimit 1Gi"),
        Arguments.of(
            "cpu",
            "postgres: {managed: {resources: {cpuRequest: '2', cpuLimit: 500m}}}",
            "postgres.managed.resources.cpuRequest 2 exceeds cpuLimit 500m"),
        Arguments.of(
            "placement",
            "memcached: {managed: {placement: {nodeSelector: {'disk type': ssd}}}}",
            "memcached.managed.placement.nodeSelector key 'disk type' is not a label key"));
  }

  @ParameterizedTest
  @MethodSource("specsReportedInvalid")
  void specThatPassesTheSchemaButNotTheChecksIsReportedInvalidAndNothingIsCreated(
      String name, String spec, String expectedMessage) {
    String namespace = operator.newNamespace("invalid");
    client
        .resource(RunningOperator.parse(RunningOperator.libraryYaml(name, spec), namespace))
        .create();

    LegeribleLibrary reported = awaitCondition(namespace, name, ConditionTypes.VALID, "False");

    Condition valid = Conditions.find(reported.getStatus().conditions, ConditionTypes.VALID).get();
    assertThat(valid.getMessage()).contains(expectedMessage).contains("nothing was changed");
    assertThat(valid.getObservedGeneration()).isEqualTo(reported.getMetadata().getGeneration());
    assertThat(Conditions.find(reported.getStatus().conditions, ConditionTypes.READY).get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "InvalidSpec");
    assertThat(reported.getStatus().phase).isEqualTo("Invalid");
    assertThat(operator.managedResourceVersions(namespace, name)).isEmpty();
  }

  @Test
  void replicatedWebsiteGetsADisruptionBudgetThatGoesWhenScaledToOnePod() {
    String namespace = operator.newNamespace("budget");
    client
        .resource(
            RunningOperator.parse(
                RunningOperator.libraryYaml("city", "webapp: {replicas: 2}"), namespace))
        .create();
    var budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace);
    // First tier: made at once, not after the website's Deployment (which nothing readies here).
    await()
        .atMost(RunningOperator.patience())
        .until(() -> budgets.withName("legerible-city-webapp").get() != null);
    var budget = budgets.withName("legerible-city-webapp").get();
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "webapp")
        .containsEntry("app.kubernetes.io/instance", "city");
    assertThat(budgets.list().getItems())
        .as("Kafka and Cassandra run one node each: nothing to budget")
        .extracting(b -> b.getMetadata().getName())
        .containsExactly("legerible-city-webapp");
    operator.awaitSettled(namespace, "city", Duration.ofSeconds(3));
    assertThat(budgets.withName("legerible-city-webapp").get().getMetadata().getResourceVersion())
        .as("an unchanged budget is not written again")
        .isEqualTo(budget.getMetadata().getResourceVersion());

    client
        .resources(LegeribleLibrary.class)
        .inNamespace(namespace)
        .withName("city")
        .edit(
            library -> {
              library.getSpec().webapp.replicas = 1;
              return library;
            });

    await()
        .atMost(RunningOperator.patience())
        .until(() -> budgets.withName("legerible-city-webapp").get() == null);

    // Kafka formed with three nodes has three controllers: one may be drained at a time.
    client
        .resource(
            RunningOperator.parse(
                RunningOperator.libraryYaml("town", "kafka: {managed: {replicas: 3}}"), namespace))
        .create();
    await()
        .atMost(RunningOperator.patience())
        .until(() -> budgets.withName("legerible-town-kafka").get() != null);
    assertThat(
            budgets.withName("legerible-town-kafka").get().getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "kafka")
        .containsEntry("app.kubernetes.io/instance", "town");
  }

  @Test
  void reconcilingAnUnchangedLibraryWritesNothing() {
    String namespace = operator.newNamespace("steady");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
    // Without controllers nothing becomes ready, so the workflow stops after the backing services.
    await()
        .atMost(RunningOperator.patience())
        .until(
            () ->
                operator
                    .managedResourceVersions(namespace, "city")
                    .keySet()
                    .containsAll(
                        java.util.List.of(
                            "StatefulSet/legerible-city-postgres",
                            "StatefulSet/legerible-city-kafka",
                            "StatefulSet/legerible-city-cassandra",
                            "Deployment/legerible-city-memcached",
                            "ConfigMap/legerible-city-platform",
                            "Secret/legerible-city-postgres-credentials",
                            "Secret/legerible-city-webapp-demo-credentials")));
    // Its status converges too (a status that kept changing would never settle here).
    Map<String, String> before = operator.awaitSettled(namespace, "city", Duration.ofSeconds(3));
    LegeribleLibrary settled = library(namespace, "city");
    String libraryVersion = settled.getMetadata().getResourceVersion();
    String statusBefore = Serialization.asYaml(settled.getStatus());

    operator.restart();
    // A foreign label on a dependent is an event for the operator but no difference to correct.
    client
        .configMaps()
        .inNamespace(namespace)
        .withName("legerible-city-platform")
        .edit(
            cm -> {
              cm.getMetadata().getLabels().put("example.org/owner", "someone-else");
              return cm;
            });
    Map<String, String> afterLabel = operator.managedResourceVersions(namespace, "city");

    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              Map<String, String> now = operator.managedResourceVersions(namespace, "city");
              assertThat(now).isEqualTo(afterLabel);
              LegeribleLibrary current = library(namespace, "city");
              assertThat(Serialization.asYaml(current.getStatus()))
                  .as("the status after the restart")
                  .isEqualTo(statusBefore);
              assertThat(current.getMetadata().getResourceVersion()).isEqualTo(libraryVersion);
            });
    afterLabel.remove("ConfigMap/legerible-city-platform");
    before.remove("ConfigMap/legerible-city-platform");
    assertThat(afterLabel).isEqualTo(before);
  }

  @Test
  void driftIsCorrectedAndReportedAsAnEvent() {
    String namespace = operator.newNamespace("drift");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
    var platform = client.configMaps().inNamespace(namespace).withName("legerible-city-platform");
    await().atMost(RunningOperator.patience()).until(() -> platform.get() != null);
    String memcached = platform.get().getData().get("LEGERIBLE_MEMCACHED_SERVERS");

    platform.edit(
        cm -> {
          cm.getData().put("LEGERIBLE_MEMCACHED_SERVERS", "somewhere-else:11211");
          return cm;
        });
    client.services().inNamespace(namespace).withName("legerible-city-memcached").delete();

    await()
        .atMost(RunningOperator.patience())
        .untilAsserted(
            () -> {
              assertThat(platform.get().getData())
                  .containsEntry("LEGERIBLE_MEMCACHED_SERVERS", memcached);
              assertThat(
                      client
                          .services()
                          .inNamespace(namespace)
                          .withName("legerible-city-memcached")
                          .get())
                  .isNotNull();
              assertThat(
                      client.v1().events().inNamespace(namespace).list().getItems().stream()
                          .filter(e -> "DriftCorrected".equals(e.getReason()))
                          .map(e -> e.getMessage()))
                  .contains(
                      "ConfigMap legerible-city-platform differed from the desired state and has"
                          + " been restored",
                      "Service legerible-city-memcached was missing and has been re-created");
            });
  }

  @Test
  void conditionsKeepTheirTransitionTimeWhenTheirStatusDoesNotChange() {
    String namespace = operator.newNamespace("transitions");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    LegeribleLibrary first = awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
    Map<String, String> transitions = transitionTimes(first);

    LegeribleLibrary changed = library(namespace, "city");
    changed.getSpec().webapp.replicas = 3;
    client.resource(changed).update();
    long generation = library(namespace, "city").getMetadata().getGeneration();
    await()
        .atMost(RunningOperator.patience())
        .until(() -> generation == library(namespace, "city").getStatus().observedGeneration);

    LegeribleLibrary second = library(namespace, "city");
    assertThat(second.getStatus().conditions)
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(generation));
    assertThat(transitionTimes(second)).isEqualTo(transitions);
    assertThat(
            Conditions.find(second.getStatus().conditions, ConditionTypes.READY).get().getStatus())
        .isEqualTo("False");
  }

  @Test
  void pausedLibraryChangesNothingAndSaysSo() {
    String namespace = operator.newNamespace("paused");
    client
        .resource(
            RunningOperator.parse(RunningOperator.libraryYaml("city", "paused: true"), namespace))
        .create();
    LegeribleLibrary reported = awaitCondition(namespace, "city", ConditionTypes.PAUSED, "True");
    assertThat(reported.getStatus().phase).isEqualTo("Paused");
    assertThat(Conditions.find(reported.getStatus().conditions, ConditionTypes.READY).get())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Paused");
    assertThat(operator.managedResourceVersions(namespace, "city")).isEmpty();
  }

  @Test
  void operatorServesHealthReadinessAndPrometheusMetrics() throws Exception {
    String namespace = operator.newNamespace("metrics");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(http, "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get(http, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("operator_sdk_reconciliations_started_total");
  }

  @Test
  void externalServiceThatDoesNotAnswerIsNotReadyUntilItDoes() throws Exception {
    String namespace = operator.newNamespace("external");
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String endpoint = "127.0.0.1:" + port;
    client
        .resource(
            RunningOperator.parse(
                RunningOperator.libraryYaml(
                    "city", "memcached: {external: {endpoints: ['" + endpoint + "']}}"),
                namespace))
        .create();

    LegeribleLibrary down =
        awaitCondition(namespace, "city", ConditionTypes.MEMCACHED_READY, "False");
    Condition memcached =
        Conditions.find(down.getStatus().conditions, ConditionTypes.MEMCACHED_READY).get();
    assertThat(memcached.getReason()).isEqualTo("ExternalUnreachable");
    assertThat(memcached.getMessage())
        .startsWith("Cannot connect to external memcached at " + endpoint + " (" + endpoint + ": ")
        .contains("Connection refused");

    try (java.net.ServerSocket memcachedListening =
        new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      LegeribleLibrary up =
          await()
              .atMost(RunningOperator.patience())
              .until(
                  () -> library(namespace, "city"),
                  l -> Conditions.isTrue(l.getStatus().conditions, ConditionTypes.MEMCACHED_READY));
      assertThat(
              Conditions.find(up.getStatus().conditions, ConditionTypes.MEMCACHED_READY)
                  .get()
                  .getMessage())
          .isEqualTo("Using external memcached at " + endpoint);
    }
  }

  @Test
  void aLibraryWithAnExternalServiceLeavesTheOperatorWatchingEveryOtherLibrarysManagedOne() {
    String managedNamespace = operator.newNamespace("managed-cache");
    client.resource(RunningOperator.example("minimal.yaml", managedNamespace)).create();
    var managedService =
        client.services().inNamespace(managedNamespace).withName("legerible-city-memcached");
    await().atMost(RunningOperator.patience()).until(() -> managedService.get() != null);
    operator.awaitSettled(managedNamespace, "city", Duration.ofSeconds(2));

    String externalNamespace = operator.newNamespace("external-cache");
    client
        .resource(
            RunningOperator.parse(
                RunningOperator.libraryYaml(
                    "city", "memcached: {external: {endpoints: ['127.0.0.1:1']}}"),
                externalNamespace))
        .create();
    awaitCondition(externalNamespace, "city", ConditionTypes.MEMCACHED_READY, "False");

    // The other library's managed memcached is still watched: losing its Service is noticed.
    managedService.delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(managedService.get()).isNotNull());
    assertThat(
            client
                .services()
                .inNamespace(externalNamespace)
                .withName("legerible-city-memcached")
                .get())
        .isNull();
  }

  @Test
  void unsafeChangesToRunningServicesAreRefusedWithTheReasonAndChangeNothing() {
    String namespace = operator.newNamespace("unsafe");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    var postgres =
        client.apps().statefulSets().inNamespace(namespace).withName("legerible-city-postgres");
    await().atMost(RunningOperator.patience()).until(() -> postgres.get() != null);
    Map<String, String> before = operator.awaitSettled(namespace, "city", Duration.ofSeconds(2));
    String image =
        postgres.get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    int major = UnsafeChanges.majorVersion(image).orElseThrow();
    String nextMajor = "postgres:" + (major + 1) + ".1";

    LegeribleLibrary library = library(namespace, "city");
    library.getSpec().postgres.managed.image = nextMajor;
    client.resource(library).update();

    Condition valid =
        Conditions.find(
                awaitCondition(namespace, "city", ConditionTypes.VALID, "False")
                    .getStatus()
                    .conditions,
                ConditionTypes.VALID)
            .get();
    assertThat(valid.getMessage())
        .contains(image + " → " + nextMajor + " is a major-version change");
    assertThat(operator.managedResourceVersions(namespace, "city")).isEqualTo(before);

    library = library(namespace, "city");
    library.getSpec().postgres.managed.image = null;
    client.resource(library).update();
    awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
  }

  @Test
  void everyLibraryConditionComponentAndFeatureIsAGaugeUntilTheLibraryIsDeleted() throws Exception {
    String namespace = operator.newNamespace("gauges");
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    awaitCondition(namespace, "city", ConditionTypes.VALID, "True");
    HttpClient http = HttpClient.newHttpClient();
    String series = "library=\"city\",namespace=\"" + namespace + "\"}";

    await()
        .atMost(RunningOperator.patience())
        .untilAsserted(
            () ->
                assertThat(get(http, "/metrics").body().lines())
                    .contains(
                        "legerible_library_condition{condition=\"Valid\"," + series + " 1.0",
                        "legerible_library_condition{condition=\"Ready\"," + series + " 0.0",
                        "legerible_library_condition{condition=\"Available\"," + series + " 0.0",
                        "legerible_library_condition{condition=\"Degraded\"," + series + " 0.0",
                        "legerible_component_ready{component=\"postgres\"," + series + " 0.0",
                        "legerible_feature_available{feature=\"loans\"," + series + " 0.0")
                    .anyMatch(
                        line ->
                            line.startsWith(
                                "legerible_library_condition_since_timestamp_seconds{condition=\"Ready\","
                                    + series)));

    client.resources(LegeribleLibrary.class).inNamespace(namespace).withName("city").delete();
    await()
        .atMost(RunningOperator.patience())
        .untilAsserted(() -> assertThat(get(http, "/metrics").body()).doesNotContain(series));
  }

  static HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(operator.httpBaseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static LegeribleLibrary library(String namespace, String name) {
    return client.resources(LegeribleLibrary.class).inNamespace(namespace).withName(name).get();
  }

  static LegeribleLibrary awaitCondition(
      String namespace, String name, String type, String status) {
    return await()
        .atMost(RunningOperator.patience())
        .until(
            () -> library(namespace, name),
            l ->
                l != null
                    && l.getStatus() != null
                    && Conditions.find(l.getStatus().conditions, type)
                        .map(c -> status.equals(c.getStatus()))
                        .orElse(false));
  }

  static Map<String, String> transitionTimes(LegeribleLibrary library) {
    Map<String, String> times = new java.util.TreeMap<>();
    library.getStatus().conditions.forEach(c -> times.put(c.getType(), c.getLastTransitionTime()));
    return times;
  }
}
