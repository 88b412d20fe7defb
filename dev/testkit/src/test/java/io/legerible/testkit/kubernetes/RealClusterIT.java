package io.legerible.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers really run on the real node: a PostgreSQL stand-in takes its password from a Secret,
 * answers through its Service by DNS name from another pod, keeps its data on a claim across a pod
 * deletion, and its container restarts when its server dies; kubectl exec and logs reach it.
 */
class RealClusterIT {

  private static final String NAMESPACE = "smoke";
  private static final String POSTGRES =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      stringData: {password: from-a-secret}
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: db}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db}
      spec: {selector: {app: db}, ports: [{port: 5432}]}
      """;
  private static final String POSTGRES_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: db, labels: {app: db}}
      spec:
        securityContext: {runAsUser: 999, runAsGroup: 999, fsGroup: 999}
        containers:
        - name: postgres
          image: postgres:15
          imagePullPolicy: IfNotPresent
          env:
          - {name: POSTGRES_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
          - {name: PGDATA, value: /var/lib/postgresql/data/pgdata}
          readinessProbe: {exec: {command: [pg_isready, -U, postgres]}, periodSeconds: 1}
          volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
        volumes: [{name: data, persistentVolumeClaim: {claimName: db}}]
      """;

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = RealCluster.shared();
    client = cluster.newClient();
    cluster.kubectl("create", "namespace", NAMESPACE);
    cluster.kubectlWithInput(POSTGRES, "apply", "--namespace", NAMESPACE, "-f", "-");
    startDatabasePod();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void databaseAnswersThroughItsServiceFromAnotherPodWithThePasswordFromTheSecret() {
    assertThat(psql("select 'answer ' || 6 * 7")).isEqualTo("answer 42");
  }

  @Test
  void claimKeepsTheDataWhenThePodIsDeleted() {
    psql("create table if not exists kept (word text); insert into kept values ('still here')");
    cluster.kubectl("delete", "pod", "db", "--namespace", NAMESPACE, "--wait=true");
    startDatabasePod();
    assertThat(psql("select word from kept")).contains("still here");
  }

  @Test
  void killedContainerIsRestartedByTheKubelet() {
    int before = restarts();
    cluster.kubectl("exec", "db", "--namespace", NAMESPACE, "--", "sh", "-c", "kill -QUIT 1");
    client
        .pods()
        .inNamespace(NAMESPACE)
        .withName("db")
        .waitUntilCondition(
            pod -> pod != null && restartsOf(pod) > before && ready(pod), 120, TimeUnit.SECONDS);
    assertThat(cluster.kubectl("logs", "db", "--namespace", NAMESPACE))
        .contains("database system is ready to accept connections");
  }

  private static void startDatabasePod() {
    cluster.kubectlWithInput(POSTGRES_POD, "apply", "--namespace", NAMESPACE, "-f", "-");
    cluster.kubectl(
        "wait", "--for=condition=Ready", "pod/db", "--namespace", NAMESPACE, "--timeout=180s");
    String podIp = client.pods().inNamespace(NAMESPACE).withName("db").get().getStatus().getPodIP();
    // The Service reaches the new pod once kube-proxy has its endpoint; until then it rejects.
    cluster.kubectl(
        "wait",
        "--for=jsonpath={.subsets[0].addresses[0].ip}=" + podIp,
        "endpoints/db",
        "--namespace",
        NAMESPACE,
        "--timeout=60s");
  }

  /**
   * Runs a query in a pod of its own, through the Service's DNS name; tries again while kube-proxy
   * has not yet written the rules for a new endpoint (its sync runs about every second).
   */
  private static String psql(String sql) {
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return psqlOnce(sql);
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  private static String psqlOnce(String sql) {
    RealCluster.FinishedPod run =
        cluster.runToCompletion(
            NAMESPACE,
            "postgres:15",
            List.of("PGPASSWORD=from-a-secret"),
            "psql",
            "-h",
            "db." + NAMESPACE + ".svc.cluster.local",
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            sql);
    assertThat(run.succeeded()).as("psql pod %s: %s", run.name(), run.logs()).isTrue();
    return run.logs().strip();
  }

  private static int restarts() {
    return restartsOf(client.pods().inNamespace(NAMESPACE).withName("db").get());
  }

  private static int restartsOf(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getReady();
  }
}
