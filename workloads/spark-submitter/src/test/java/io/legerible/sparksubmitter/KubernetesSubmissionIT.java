package io.legerible.sparksubmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.JobSettings;
import io.legerible.testkit.kubernetes.SimulatedCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.SparkAppHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A k8s:// submission to a simulated cluster (real API server, controllers and scheduler; pods are
 * simulated, containers never run): Spark's own Kubernetes client creates the driver pod.
 */
class KubernetesSubmissionIT {

  private static final String NAMESPACE = "spark-jobs";
  private static final String IMAGE = "registry.example/legerible-spark:test";
  private static final String SERVICE_ACCOUNT = "legerible-spark";

  @TempDir Path work;

  @Test
  void submissionCreatesDriverPodWithImageServiceAccountConfigurationAndOwner() throws Exception {
    SimulatedCluster cluster = SimulatedCluster.shared();
    try (KubernetesClient client = cluster.newClient()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      client
          .serviceAccounts()
          .inNamespace(NAMESPACE)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(SERVICE_ACCOUNT)
                  .endMetadata()
                  .build())
          .create();
      ConfigMap owner =
          client
              .configMaps()
              .inNamespace(NAMESPACE)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("library")
                      .endMetadata()
                      .build())
              .create();
      String apiServer = client.getConfiguration().getMasterUrl().replaceAll("/$", "");
      Map<String, String> environment = new HashMap<>();
      environment.put(PlatformEnvironment.SPARK_MASTER, "k8s://" + apiServer);
      environment.put(PlatformEnvironment.SPARK_IMAGE, IMAGE);
      environment.put(PlatformEnvironment.SPARK_NAMESPACE, NAMESPACE);
      environment.put(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, SERVICE_ACCOUNT);
      environment.put(
          PlatformEnvironment.POSTGRES_URL, "jdbc:postgresql://postgres:5432/legerible");
      environment.put(PlatformEnvironment.POSTGRES_USER, "legerible");
      environment.put(PlatformEnvironment.POSTGRES_PASSWORD, "not-in-the-pod-spec");
      environment.put(
          SubmissionPlanner.SECRET_ENV, "LEGERIBLE_POSTGRES_PASSWORD=legerible-postgres:password");
      environment.put(
          SubmissionPlanner.DRIVER_OWNER,
          "apiVersion=v1,kind=ConfigMap,name=library,uid=" + owner.getMetadata().getUid());
      SubmissionPlan planned =
          SubmissionPlanner.plan(
              SparkJob.RECOMMENDATIONS,
              JobSettings.from(environment),
              Map.of(),
              System.getProperty("java.class.path"));
      Map<String, String> childEnvironment = new HashMap<>(planned.environment());
      childEnvironment.put("KUBECONFIG", cluster.kubeconfigPath().toString());
      SubmissionPlan plan =
          new SubmissionPlan(
              planned.job(),
              planned.master(),
              planned.deployMode(),
              planned.appResource(),
              planned.conf(),
              childEnvironment,
              planned.podTemplates(),
              planned.appArgs());
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      SparkJobSubmitter submitter =
          new SparkJobSubmitter(plan, work, new PrintStream(output, true, StandardCharsets.UTF_8))
              .start();
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    submitter.state().isFinal()
                        || !client
                            .pods()
                            .inNamespace(NAMESPACE)
                            .withLabel("spark-role", "driver")
                            .list()
                            .getItems()
                            .isEmpty());
        assertThat(submitter.state()).isEqualTo(SparkAppHandle.State.SUBMITTED);
        Pod driver =
            client
                .pods()
                .inNamespace(NAMESPACE)
                .withLabel("spark-role", "driver")
                .list()
                .getItems()
                .get(0);

        assertThat(driver.getSpec().getServiceAccountName()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(driver.getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE);
        assertThat(driver.getMetadata().getLabels())
            .containsEntry("app.kubernetes.io/name", "legerible-recommendations")
            .containsEntry("app.kubernetes.io/component", "spark-driver");
        assertThat(driver.getMetadata().getOwnerReferences())
            .anySatisfy(
                reference -> {
                  assertThat(reference.getKind()).isEqualTo("ConfigMap");
                  assertThat(reference.getUid()).isEqualTo(owner.getMetadata().getUid());
                });
        List<EnvVar> env = driver.getSpec().getContainers().get(0).getEnv();
        assertThat(env)
            .anySatisfy(
                e -> {
                  assertThat(e.getName()).isEqualTo(PlatformEnvironment.POSTGRES_URL);
                  assertThat(e.getValue()).isEqualTo("jdbc:postgresql://postgres:5432/legerible");
                })
            .anySatisfy(
                e -> {
                  assertThat(e.getName()).isEqualTo(PlatformEnvironment.POSTGRES_PASSWORD);
                  assertThat(e.getValueFrom().getSecretKeyRef().getName())
                      .isEqualTo("legerible-postgres");
                  assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
                })
            .noneMatch(e -> "not-in-the-pod-spec".equals(e.getValue()));
        assertThat(driver.getSpec().getContainers().get(0).getArgs())
            .contains(SparkJob.RECOMMENDATIONS.mainClass());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("recommendations SUBMITTED");
      } finally {
        submitter.stop();
        client.pods().inNamespace(NAMESPACE).withLabel("spark-role", "driver").delete();
      }
    }
  }
}
