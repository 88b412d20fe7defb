package io.legerible.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedClusterIT {

  private static final String NAMESPACE = "smoke";

  private static SimulatedCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void connect() {
    cluster = SimulatedCluster.shared();
    client = cluster.newClient();
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build();
    client.namespaces().resource(namespace).create();
    client
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName("default")
        .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  void deploymentBecomesAvailableWithReadyPodsMadeByTheControllers() {
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .resource(
                load(
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers:
                            - name: web
                              image: registry.invalid/web:1
                              readinessProbe: {httpGet: {path: /, port: 8080}}
                    """,
                    Deployment.class))
            .create();

    Deployment available =
        client
            .apps()
            .deployments()
            .inNamespace(NAMESPACE)
            .withName(deployment.getMetadata().getName())
            .waitUntilCondition(
                d ->
                    d.getStatus() != null
                        && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                        && d.getStatus().getConditions() != null
                        && d.getStatus().getConditions().stream()
                            .anyMatch(
                                c ->
                                    "Available".equals(c.getType())
                                        && "True".equals(c.getStatus())),
                60,
                TimeUnit.SECONDS);

    assertThat(available.getStatus().getReadyReplicas()).isEqualTo(2);
    List<Pod> pods = client.pods().inNamespace(NAMESPACE).withLabel("app", "web").list().getItems();
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeName()).as("scheduled").startsWith("node-");
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              assertThat(pod.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
              assertThat(pod.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ReplicaSet"));
            });
  }

  @Test
  void statefulSetClaimIsBoundToAProvisionedVolumeAndBecomesReady() {
    client
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .resource(
            load(
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  replicas: 1
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: db, image: registry.invalid/db:1}]
                  volumeClaimTemplates:
                    - metadata: {name: data}
                      spec:
                        accessModes: [ReadWriteOnce]
                        resources: {requests: {storage: 3Gi}}
                """,
                StatefulSet.class))
        .create();

    StatefulSet ready =
        client
            .apps()
            .statefulSets()
            .inNamespace(NAMESPACE)
            .withName("db")
            .waitUntilCondition(
                s ->
                    s.getStatus() != null
                        && Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()),
                60,
                TimeUnit.SECONDS);

    assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(1);
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("data-db-0").get();
    assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");
    assertThat(claim.getStatus().getCapacity().get("storage").toString()).isEqualTo("3Gi");
    assertThat(client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get())
        .satisfies(
            pv -> {
              assertThat(pv.getSpec().getClaimRef().getName()).isEqualTo("data-db-0");
              assertThat(pv.getSpec().getHostPath().getPath()).startsWith("/tmp/hostpath_pv/");
            });
  }

  @Test
  void jobCompletes() {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .resource(
            load(
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: once, image: registry.invalid/once:1, args: [run]}]
                """,
                Job.class))
        .create();

    Job done =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(NAMESPACE)
            .withName("once")
            .waitUntilCondition(
                j ->
                    j.getStatus() != null
                        && j.getStatus().getConditions() != null
                        && j.getStatus().getConditions().stream()
                            .anyMatch(
                                c ->
                                    "Complete".equals(c.getType()) && "True".equals(c.getStatus())),
                60,
                TimeUnit.SECONDS);

    assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
  }

  @Test
  void kubectlAndHelmTalkToTheClusterAndReportFailures() throws Exception {
    assertThat(cluster.kubectl("get", "nodes", "-o", "name").lines())
        .hasSizeGreaterThanOrEqualTo(2)
        .allMatch(line -> line.startsWith("node/"));
    assertThat(cluster.kubectl("version", "-o", "json"))
        .contains("\"gitVersion\": \"v" + KubernetesBinaries.KUBERNETES_VERSION + "\"");
    assertThat(cluster.helm("version", "--short")).startsWith("v4.");
    assertThatThrownBy(() -> cluster.kubectl("get", "deployment", "no-such-deployment"))
        .hasMessageContaining("NotFound");
    assertThat(Files.readString(cluster.kubeconfigPath())).contains("server: https://127.0.0.1:");
  }

  @Test
  void helmInstallsAChartWhoseDeploymentBecomesReady(@TempDir Path charts) {
    Path chart = charts.resolve("hello");
    cluster.helm("create", chart.toString());

    cluster.helm(
        "install",
        "hello",
        chart.toString(),
        "--namespace",
        NAMESPACE,
        "--wait",
        "--timeout",
        "2m");

    assertThat(cluster.helm("list", "--namespace", NAMESPACE, "--short").lines())
        .containsExactly("hello");
    Deployment deployment =
        client.apps().deployments().inNamespace(NAMESPACE).withName("hello").get();
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void addedNodesJoinReady() {
    int before = cluster.nodeCount();

    cluster.addNodes(1);

    assertThat(cluster.nodeCount()).isEqualTo(before + 1);
    assertThat(client.nodes().list().getItems())
        .hasSize(before + 1)
        .allSatisfy(
            node ->
                assertThat(node.getStatus().getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Ready");
                          assertThat(c.getStatus()).isEqualTo("True");
                        }));
  }

  private static <T> T load(String yaml, Class<T> type) {
    return Serialization.unmarshal(yaml, type);
  }
}
