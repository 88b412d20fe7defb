package io.legerible.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.legerible.operator.config.DefaultImages;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.kubernetes.PortForward;
import io.legerible.testkit.kubernetes.RealCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every image the operator deploys runs on the real node: a pod from each starts from the image
 * this build made (the project's by jib, the third-party stand-ins by dev/setup-images) and answers
 * through its Service, from another pod or through {@code kubectl port-forward}. Spark submits in
 * cluster mode: the driver pod starts an executor pod that runs a task.
 */
class RealNodeImagesIT {

  private static final String NAMESPACE = "images";
  private static final String OPERATOR_NAMESPACE = "legerible-system";
  private static final Duration START_WITHIN = Duration.ofMinutes(5);
  private static final DefaultImages IMAGES = DefaultImages.BUILT_IN;

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void startEveryImage() {
    cluster = RealCluster.shared();
    client = cluster.newClient();
    Path root = ProjectLayout.root();
    cluster.importImages(
        root.resolve("operator/target/jib-image.tar"),
        root.resolve("webapp/target/jib-image.tar"),
        root.resolve("workloads/spark-submitter/target/jib-image.tar"));
    cluster.kubectl("create", "namespace", NAMESPACE);
    cluster.kubectlWithInput(manifests(), "apply", "--namespace", NAMESPACE, "-f", "-");
  }

  /** Frees the node for the other tests of this JVM: its pods and the operator go. */
  @AfterAll
  static void removeEverything() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.kubectl("delete", "namespace", NAMESPACE, "--wait=true", "--timeout=3m");
      if (cluster.helm("list", "--namespace", OPERATOR_NAMESPACE, "-q").contains("legerible")) {
        cluster.helm("uninstall", "legerible", "--namespace", OPERATOR_NAMESPACE, "--wait");
      }
    }
  }

  @Test
  void memcachedStoresAndReturnsAValueForAnotherPod() {
    awaitReady("memcached");
    // bash's /dev/tcp resolves the Service's name through the cluster's DNS like any client.
    RealCluster.FinishedPod run =
        cluster.runToCompletion(
            NAMESPACE,
            IMAGES.memcached(),
            List.of(),
            "bash",
            "-c",
            "exec 3<>/dev/tcp/memcached."
                + NAMESPACE
                + ".svc.cluster.local/11211;"
                + " printf 'set smoke 0 0 5\\r\\nhello\\r\\nget smoke\\r\\nquit\\r\\n' >&3;"
                + " cat <&3");
    assertThat(run.succeeded()).as(run.logs()).isTrue();
    assertThat(run.logs()).contains("STORED", "VALUE smoke 0 5", "hello");
  }

  @Test
  void kafkaTakesAnEventFromOnePodAndHandsItToAConsumer() {
    awaitReady("kafka");
    String bootstrap = "kafka." + NAMESPACE + ".svc.cluster.local:9092";
    RealCluster.FinishedPod run =
        cluster.runToCompletion(
            NAMESPACE,
            IMAGES.kafka(),
            List.of("KAFKA_HEAP_OPTS=-Xmx128m"),
            "sh",
            "-c",
            "set -e; bin=/opt/kafka/bin;"
                + " $bin/kafka-topics.sh --bootstrap-server "
                + bootstrap
                + " --create --if-not-exists --topic smoke --partitions 1 --replication-factor 1;"
                + " echo 'a loan of book 42' | $bin/kafka-console-producer.sh --bootstrap-server "
                + bootstrap
                + " --topic smoke;"
                + " $bin/kafka-console-consumer.sh --bootstrap-server "
                + bootstrap
                + " --topic smoke --from-beginning --max-messages 1 --timeout-ms 60000");
    assertThat(run.succeeded()).as(run.logs()).isTrue();
    assertThat(run.logs()).contains("a loan of book 42");
  }

  @Test
  void cassandraAnswersCqlThroughItsServiceByPortForward() {
    awaitReady("cassandra");
    try (PortForward forward = cluster.portForward(NAMESPACE, "service/cassandra", 9042);
        CqlSession session =
            CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", forward.localPort()))
                .withLocalDatacenter("datacenter1")
                .build()) {
      String version =
          session.execute("select release_version from system.local").one().getString(0);
      assertThat(IMAGES.cassandra()).endsWith(":" + version);
    }
  }

  @Test
  void websiteIsReadyAndServesItsHomePageThroughPortForward() throws Exception {
    awaitReady("web");
    try (PortForward forward = cluster.portForward(NAMESPACE, "service/web", 80)) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> readiness =
          http.send(
              get(forward, "/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString());
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).contains("\"UP\"");
      HttpResponse<String> home =
          http.send(get(forward, "/"), HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
      assertThat(home.body()).contains("Legerible");
    }
    // The website migrated its schema in the database pod, through the Service.
    RealCluster.FinishedPod tables =
        cluster.runToCompletion(
            NAMESPACE,
            IMAGES.postgres(),
            List.of("PGPASSWORD=smoke-password"),
            "psql",
            "-h",
            "db." + NAMESPACE + ".svc.cluster.local",
            "-U",
            "postgres",
            "-d",
            "legerible",
            "-tAc",
            "select count(*) from books");
    assertThat(tables.succeeded()).as(tables.logs()).isTrue();
    assertThat(Integer.parseInt(tables.logs().strip())).isPositive();
  }

  @Test
  void sparkDriverInClusterModeRunsItsTaskOnAnExecutorPod() {
    // spark-submit waits for the application: when it ends, so has the driver.
    Pod submit =
        client
            .pods()
            .inNamespace(NAMESPACE)
            .withName("spark-submit")
            .waitUntilCondition(
                pod -> pod != null && finished(pod), START_WITHIN.toSeconds(), TimeUnit.SECONDS);
    Pod driver = client.pods().inNamespace(NAMESPACE).withName("smoke-driver").get();
    assertThat(driver)
        .as(
            "spark-submit (%s) started no driver: %s",
            submit.getStatus().getPhase(),
            cluster.kubectl("logs", "spark-submit", "--namespace", NAMESPACE, "--tail=30"))
        .isNotNull();
    String driverLog = cluster.kubectl("logs", "smoke-driver", "--namespace", NAMESPACE);
    assertThat(driver.getStatus().getPhase()).as(driverLog).isEqualTo("Succeeded");
    List<Pod> executors =
        client.pods().inNamespace(NAMESPACE).withLabel("spark-role", "executor").list().getItems();
    assertThat(executors).isNotEmpty();
    String executorLog =
        cluster.kubectl("logs", executors.get(0).getMetadata().getName(), "--namespace", NAMESPACE);
    assertThat(executorLog).contains("Finished task");
    assertThat(driverLog).contains("Job 0 finished");
  }

  @Test
  void operatorStartsFromItsChartAndBecomesReady() {
    cluster.helm(
        "upgrade",
        "--install",
        "legerible",
        ProjectLayout.root().resolve("helm/legerible").toString(),
        "--namespace",
        OPERATOR_NAMESPACE,
        "--create-namespace",
        "--wait",
        "--timeout",
        "4m");
    // --wait returned: the Deployment is available, so /readyz answered the kubelet's probe.
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(OPERATOR_NAMESPACE)
                .withName("legerible-operator")
                .get()
                .getStatus()
                .getAvailableReplicas())
        .isEqualTo(1);
    assertThat(
            cluster.kubectl(
                "logs", "deployment/legerible-operator", "--namespace", OPERATOR_NAMESPACE))
        .contains("controller started");
  }

  private static HttpRequest get(PortForward forward, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forward.localPort() + path))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static void awaitReady(String pod) {
    try {
      cluster.kubectl(
          "wait",
          "--for=condition=Ready",
          "pod/" + pod,
          "--namespace",
          NAMESPACE,
          "--timeout=" + START_WITHIN.toSeconds() + "s");
    } catch (IllegalStateException e) {
      throw new AssertionError(
          "Pod " + pod + " did not become ready:" + System.lineSeparator() + describe(pod), e);
    }
  }

  private static String describe(String pod) {
    String logs;
    try {
      logs = cluster.kubectl("logs", pod, "--namespace", NAMESPACE, "--tail=40");
    } catch (IllegalStateException e) {
      logs = e.getMessage();
    }
    return cluster.kubectl("describe", "pod", pod, "--namespace", NAMESPACE) + logs;
  }

  private static boolean finished(Pod pod) {
    String phase = pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String manifests() {
    try (InputStream in = RealNodeImagesIT.class.getResourceAsStream("images-on-real-node.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("IMAGE_POSTGRES", IMAGES.postgres())
          .replace("IMAGE_MEMCACHED", IMAGES.memcached())
          .replace("IMAGE_KAFKA", IMAGES.kafka())
          .replace("IMAGE_CASSANDRA", IMAGES.cassandra())
          .replace("IMAGE_WEBAPP", IMAGES.webapp())
          .replace("IMAGE_WORKLOADS", IMAGES.workloads());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
