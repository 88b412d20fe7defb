package io.legerible.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.Operator;
import io.legerible.operator.LibraryOperator;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.config.OperatorSettings;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.kubernetes.SimulatedCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart installed for real on the simulated cluster: its Deployment becomes available, the
 * operator (run in this JVM, authenticated as the chart's ServiceAccount, so with exactly the
 * chart's RBAC) brings every example library to Ready without a single Forbidden, an upgrade rolls
 * the operator, and an uninstall keeps the CRD, the libraries and their data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartInstallIT {

  static final String RELEASE = "legerible";
  static final String SERVICE_ACCOUNT = "legerible";
  static final String DEPLOYMENT = "legerible-operator";
  static final Duration READY_WITHIN = Duration.ofSeconds(180);

  static SimulatedCluster cluster;
  static KubernetesClient admin;
  static String namespace;
  static final Map<String, String> exampleNamespaces = new HashMap<>();

  @BeforeAll
  static void startCluster() {
    // A cluster of its own: the chart installs the CRD as on a fresh cluster, and no other IT's
    // CRD field manager or libraries are in the way.
    cluster = SimulatedCluster.startNew();
    admin = cluster.newClient();
    namespace = "legerible-system-" + Long.toHexString(System.nanoTime()).substring(6);
    for (String example : List.of("full", "minimal")) {
      exampleNamespaces.put(
          example + ".yaml", example + "-" + Long.toHexString(System.nanoTime()).substring(6));
    }
  }

  @AfterAll
  static void removeTheCluster() {
    admin.close();
    cluster.close();
  }

  @Test
  @Order(1)
  void installedChartHasAnAvailableOperatorDeployment() {
    String notes =
        cluster.helm(
            "install",
            RELEASE,
            HelmCli.CHART.toString(),
            "--namespace",
            namespace,
            "--create-namespace",
            "--wait",
            "--timeout",
            "3m");

    assertThat(notes).contains("kubectl get library", "kubectl wait --for=condition=Ready");
    Deployment deployment = deployment();
    assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(
            admin
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("legeriblelibraries.legerible.io")
                .get())
        .isNotNull();
    assertThat(admin.serviceAccounts().inNamespace(namespace).withName(SERVICE_ACCOUNT).get())
        .isNotNull();
  }

  @Test
  @Order(2)
  void operatorWithTheChartsRightsBringsEveryExampleToReadyWithoutForbidden() throws Exception {
    String log =
        runAsTheChartsOperator(
            namespace,
            SERVICE_ACCOUNT,
            DEPLOYMENT,
            asOperator -> {
              assertThatThrownBy(() -> asOperator.nodes().list())
                  .as("the cluster enforces RBAC, so a missing rule would show as Forbidden")
                  .isInstanceOfSatisfying(
                      KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
              exampleNamespaces.forEach(
                  (file, ns) -> {
                    cluster.kubectl("create", "namespace", ns);
                    cluster.kubectl(
                        "apply",
                        "--namespace",
                        ns,
                        "-f",
                        ProjectLayout.root().resolve("crds/examples").resolve(file).toString());
                  });
              for (String ns : exampleNamespaces.values()) {
                awaitReady(ns);
                assertThat(
                        cluster.kubectl(
                            "wait",
                            "--for=condition=Ready",
                            "library/city",
                            "--namespace",
                            ns,
                            "--timeout=10s"))
                    .contains("condition met");
              }
              assertThat(leadsWithTheChartsLeaseRights(asOperator, namespace))
                  .as("the leader-election Lease in the release namespace")
                  .isNotBlank();
            });
    assertNoForbidden(log);
  }

  @Test
  @Order(3)
  void upgradeWithChangedValuesRollsTheOperator() {
    Deployment before = deployment();
    String oldHash = currentTemplateHash(before);

    cluster.helm(
        "upgrade",
        RELEASE,
        HelmCli.CHART.toString(),
        "--namespace",
        namespace,
        "--reuse-values",
        "--set",
        "images.webapp=legerible/webapp:0.1.1",
        "--wait",
        "--timeout",
        "3m");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Deployment after = deployment();
              assertThat(after.getMetadata().getGeneration())
                  .isGreaterThan(before.getMetadata().getGeneration());
              assertThat(after.getStatus().getObservedGeneration())
                  .isEqualTo(after.getMetadata().getGeneration());
              assertThat(after.getStatus().getUpdatedReplicas()).isEqualTo(1);
              assertThat(after.getStatus().getAvailableReplicas()).isEqualTo(1);
              assertThat(
                      after
                          .getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getAnnotations()
                          .get("checksum/config"))
                  .isNotEqualTo(
                      before
                          .getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getAnnotations()
                          .get("checksum/config"));
              String newHash = currentTemplateHash(after);
              assertThat(newHash).isNotEqualTo(oldHash);
              Map<String, Integer> replicasByHash =
                  replicaSets().stream()
                      .collect(
                          Collectors.toMap(
                              rs -> rs.getMetadata().getLabels().get("pod-template-hash"),
                              rs -> rs.getSpec().getReplicas()));
              assertThat(replicasByHash).containsEntry(oldHash, 0).containsEntry(newHash, 1);
            });
    assertThat(admin.configMaps().inNamespace(namespace).withName(DEPLOYMENT).get().getData())
        .containsEntry("LEGERIBLE_IMAGE_WEBAPP", "legerible/webapp:0.1.1");
  }

  @Test
  @Order(4)
  void uninstallKeepsTheCrdTheLibrariesAndTheirData() {
    Map<String, Set<String>> claims = new HashMap<>();
    Map<String, Set<String>> secrets = new HashMap<>();
    for (String ns : exampleNamespaces.values()) {
      claims.put(ns, claimNames(ns));
      secrets.put(ns, generatedSecretNames(ns));
      assertThat(claims.get(ns))
          .containsExactlyInAnyOrder(
              "data-legerible-city-postgres-0",
              "data-legerible-city-kafka-0",
              "data-legerible-city-cassandra-0",
              "legerible-city-ranking-stream-checkpoint");
      assertThat(secrets.get(ns)).isNotEmpty();
    }

    cluster.helm("uninstall", RELEASE, "--namespace", namespace, "--wait", "--timeout", "2m");

    assertThat(admin.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT).get())
        .isNull();
    assertThat(admin.rbac().clusterRoles().withName(DEPLOYMENT).get()).isNull();
    assertThat(
            admin
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("legeriblelibraries.legerible.io")
                .get())
        .as("Helm never deletes a CRD from crds/")
        .isNotNull();
    for (String ns : exampleNamespaces.values()) {
      assertThat(admin.resources(LegeribleLibrary.class).inNamespace(ns).withName("city").get())
          .isNotNull();
      assertThat(claimNames(ns)).isEqualTo(claims.get(ns));
      for (PersistentVolumeClaim claim :
          admin.persistentVolumeClaims().inNamespace(ns).list().getItems()) {
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(admin.persistentVolumes().withName(claim.getSpec().getVolumeName()).get())
            .isNotNull();
      }
      assertThat(generatedSecretNames(ns)).isEqualTo(secrets.get(ns));
    }
  }

  @Test
  @Order(5)
  void namespacedInstallReconcilesItsDefaultLibraryWithRolesOnlyAndKeepsItOnUninstall()
      throws Exception {
    String scoped = "legerible-scoped-" + Long.toHexString(System.nanoTime()).substring(6);
    String libraries = "library-" + Long.toHexString(System.nanoTime()).substring(6);
    cluster.kubectl("create", "namespace", libraries);
    cluster.helm(
        "install",
        "scoped",
        HelmCli.CHART.toString(),
        "--namespace",
        scoped,
        "--create-namespace",
        "--set",
        "watchNamespaces={" + libraries + "}",
        "--set",
        "library.create=true",
        "--set",
        "library.namespace=" + libraries,
        "--wait",
        "--timeout",
        "3m");
    assertThat(admin.rbac().clusterRoles().withName("scoped-legerible-operator").get()).isNull();
    assertThat(
            admin.rbac().roles().inNamespace(libraries).withName("scoped-legerible-operator").get())
        .isNotNull();
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(scoped)
                .withName("scoped-legerible-operator")
                .get()
                .getStatus()
                .getAvailableReplicas())
        .isEqualTo(1);

    String log =
        runAsTheChartsOperator(
            scoped,
            "scoped-legerible",
            "scoped-legerible-operator",
            asOperator -> {
              String elsewhere = exampleNamespaces.get("minimal.yaml");
              assertThatThrownBy(
                      () ->
                          asOperator
                              .resources(LegeribleLibrary.class)
                              .inNamespace(elsewhere)
                              .list())
                  .as("no rights outside the watched namespace")
                  .isInstanceOfSatisfying(
                      KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
              awaitReady(libraries);
            });
    assertNoForbidden(log);

    Set<String> claims = claimNames(libraries);
    assertThat(claims).hasSize(4);
    cluster.helm("uninstall", "scoped", "--namespace", scoped, "--wait", "--timeout", "2m");
    assertThat(
            admin.rbac().roles().inNamespace(libraries).withName("scoped-legerible-operator").get())
        .isNull();
    assertThat(
            admin.resources(LegeribleLibrary.class).inNamespace(libraries).withName("city").get())
        .as("the default library is kept (helm.sh/resource-policy: keep)")
        .isNotNull();
    assertThat(claimNames(libraries)).isEqualTo(claims);
  }

  /** What the test does while the operator runs as the chart's ServiceAccount. */
  @FunctionalInterface
  interface WhileRunning {
    void run(KubernetesClient asOperator) throws Exception;
  }

  /**
   * Runs the operator in this JVM, authenticated only by a token of the release's ServiceAccount
   * and configured by the release's ConfigMap (as its pod would be), while {@code work} runs;
   * returns everything it logged.
   */
  static String runAsTheChartsOperator(
      String releaseNamespace, String serviceAccount, String configMap, WhileRunning work)
      throws Exception {
    String token =
        cluster
            .kubectl(
                "create",
                "token",
                serviceAccount,
                "--namespace",
                releaseNamespace,
                "--duration",
                "1h")
            .strip();
    Map<String, String> environment =
        new HashMap<>(
            admin.configMaps().inNamespace(releaseNamespace).withName(configMap).get().getData());
    environment.put("POD_NAMESPACE", releaseNamespace);
    OperatorSettings chartSettings = OperatorSettings.from(environment);
    // JOSDK ends the JVM when a leader stops leading, so the operator runs here without election;
    // the chart's Lease rights are exercised by the same fabric8 LeaderElector JOSDK uses.
    OperatorSettings settings =
        new OperatorSettings(
            chartSettings.namespaces(),
            chartSettings.httpPort(),
            false,
            chartSettings.leaseNamespace(),
            // This operator runs outside the cluster's network: it cannot probe the data path.
            Duration.ZERO);
    try (KubernetesClient asOperator = clientWithToken(token, releaseNamespace);
        CapturedStandardError log = CapturedStandardError.start()) {
      Operator operator = LibraryOperator.create(asOperator, settings, new SimpleMeterRegistry());
      try {
        operator.start();
        work.run(asOperator);
      } finally {
        operator.stop();
      }
      return log.text();
    }
  }

  static void assertNoForbidden(String log) {
    assertThat(log).as("the operator's log was captured").contains("legerible-operator");
    assertThat(log.lines().filter(l -> l.contains("403") || l.contains("Forbidden")))
        .as("lines of the operator's log showing a missing permission")
        .isEmpty();
  }

  /**
   * Runs the fabric8 leader election JOSDK runs, on the chart's Lease, until this client leads;
   * returns the Lease's holder then.
   */
  static String leadsWithTheChartsLeaseRights(KubernetesClient client, String namespace)
      throws Exception {
    CountDownLatch leading = new CountDownLatch(1);
    String identity = "chart-install-it";
    LeaderElectionConfig config =
        new LeaderElectionConfigBuilder()
            .withName(OperatorSettings.LEASE_NAME)
            .withLock(new LeaseLock(namespace, OperatorSettings.LEASE_NAME, identity))
            .withLeaseDuration(Duration.ofSeconds(15))
            .withRenewDeadline(Duration.ofSeconds(10))
            .withRetryPeriod(Duration.ofSeconds(1))
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(leading::countDown, () -> {}, leader -> {}))
            .build();
    CompletableFuture<?> election = client.leaderElector().withConfig(config).build().start();
    try {
      assertThat(leading.await(30, TimeUnit.SECONDS)).as("became leader within 30 s").isTrue();
      Lease lease =
          admin.leases().inNamespace(namespace).withName(OperatorSettings.LEASE_NAME).get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(identity);
      return lease.getSpec().getHolderIdentity();
    } finally {
      election.cancel(true);
    }
  }

  static Deployment deployment() {
    return admin.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT).get();
  }

  static List<ReplicaSet> replicaSets() {
    return admin
        .apps()
        .replicaSets()
        .inNamespace(namespace)
        .withLabel("app.kubernetes.io/component", "operator")
        .list()
        .getItems();
  }

  /** The pod-template-hash of the ReplicaSet running the Deployment's current template. */
  static String currentTemplateHash(Deployment deployment) {
    return replicaSets().stream()
        .filter(
            rs ->
                rs.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getAnnotations()
                    .equals(deployment.getSpec().getTemplate().getMetadata().getAnnotations()))
        .map(rs -> rs.getMetadata().getLabels().get("pod-template-hash"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ReplicaSet for the current template yet"));
  }

  static Set<String> claimNames(String ns) {
    return admin.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
        .map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  static Set<String> generatedSecretNames(String ns) {
    return admin
        .secrets()
        .inNamespace(ns)
        .withLabelSelector(LibraryNaming.MANAGED_SELECTOR)
        .list()
        .getItems()
        .stream()
        .map(s -> s.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  static void awaitReady(String ns) {
    await()
        .atMost(READY_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> admin.resources(LegeribleLibrary.class).inNamespace(ns).withName("city").get(),
            l ->
                l != null
                    && l.getStatus() != null
                    && Conditions.isTrue(l.getStatus().conditions, ConditionTypes.READY));
  }

  /** A client of the cluster's API server and CA, authenticated only by {@code token}. */
  static KubernetesClient clientWithToken(String token, String namespace) {
    Config admin = Config.fromKubeconfig(cluster.kubeconfig());
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertData(admin.getCaCertData())
            .withCaCertFile(admin.getCaCertFile())
            .withOauthToken(token)
            .withNamespace(namespace)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Everything written to standard error (where the operator logs) while it is open. */
  static final class CapturedStandardError implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    static CapturedStandardError start() {
      CapturedStandardError capture = new CapturedStandardError();
      OutputStream both =
          new OutputStream() {
            @Override
            public void write(int b) {
              synchronized (capture.captured) {
                capture.captured.write(b);
              }
              capture.original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
              synchronized (capture.captured) {
                capture.captured.write(bytes, offset, length);
              }
              capture.original.write(bytes, offset, length);
            }
          };
      System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
      return capture;
    }

    String text() {
      synchronized (captured) {
        return captured.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }
}
