package io.legerible.sparksubmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.JobSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.SparkLauncher;
import org.junit.jupiter.api.Test;

class SubmissionPlannerTest {

  @Test
  void localPlanRunsTheJobFromTheClasspathOnLoopback() {
    JobSettings settings =
        JobSettings.from(
            Map.of(
                PlatformEnvironment.SPARK_MASTER, "local[2]",
                PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
            "--ranking-trigger-seconds=1");

    SubmissionPlan plan =
        SubmissionPlanner.plan(
            SparkJob.RANKING_STREAM, settings, Map.of("spark.ui.enabled", "false"), "/a.jar:/b");

    assertThat(plan.local()).isTrue();
    assertThat(plan.master()).isEqualTo("local[2]");
    assertThat(plan.deployMode()).isEqualTo("client");
    assertThat(plan.appResource()).isEqualTo(SparkLauncher.NO_RESOURCE);
    assertThat(plan.conf())
        .containsEntry("spark.driver.bindAddress", "127.0.0.1")
        .containsEntry("spark.ui.enabled", "false")
        .containsEntry("spark.app.name", "legerible-ranking-stream");
    assertThat(plan.environment())
        .containsEntry("SPARK_DIST_CLASSPATH", "/a.jar:/b")
        .containsEntry(PlatformEnvironment.RANKING_TRIGGER_SECONDS, "1")
        .containsEntry(PlatformEnvironment.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9092");
  }

  @Test
  void kubernetesPlanNamesImageAccountNamespaceAndKeepsPasswordsInSecrets() {
    Map<String, String> environment = new HashMap<>();
    environment.put(PlatformEnvironment.SPARK_MASTER, "k8s://https://10.0.0.1:6443");
    environment.put(PlatformEnvironment.SPARK_IMAGE, "registry.example/legerible-spark:1");
    environment.put(PlatformEnvironment.SPARK_NAMESPACE, "library");
    environment.put(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, "legerible-spark");
    environment.put(PlatformEnvironment.POSTGRES_URL, "jdbc:postgresql://pg:5432/legerible");
    environment.put(PlatformEnvironment.POSTGRES_PASSWORD, "s3cret");
    environment.put(
        SubmissionPlanner.SECRET_ENV, "LEGERIBLE_POSTGRES_PASSWORD=legerible-postgres:password");
    environment.put(
        SubmissionPlanner.DRIVER_OWNER,
        "apiVersion=legerible.io/v1alpha1,kind=LegeribleLibrary,name=library,uid=1234");
    environment.put(PlatformEnvironment.SPARK_DRIVER_CPU, "200m");
    environment.put(PlatformEnvironment.SPARK_EXECUTOR_CPU, "250m");
    environment.put(PlatformEnvironment.SPARK_EXECUTOR_CORES, "2");

    SubmissionPlan plan =
        SubmissionPlanner.plan(
            SparkJob.RECOMMENDATIONS, JobSettings.from(environment), Map.of(), "/cp");

    assertThat(plan.conf())
        .as("fractional CPU requests reach the pods they name")
        .containsEntry("spark.kubernetes.driver.request.cores", "200m")
        .containsEntry("spark.kubernetes.executor.request.cores", "250m")
        .containsEntry("spark.executor.cores", "2");

    assertThat(plan.deployMode()).isEqualTo("cluster");
    assertThat(plan.appResource()).isEqualTo(SubmissionPlanner.DEFAULT_APPLICATION_JAR);
    assertThat(plan.conf())
        .containsEntry("spark.kubernetes.container.image", "registry.example/legerible-spark:1")
        .containsEntry("spark.kubernetes.namespace", "library")
        .containsEntry("spark.kubernetes.authenticate.driver.serviceAccountName", "legerible-spark")
        .containsEntry(
            "spark.kubernetes.driverEnv.LEGERIBLE_POSTGRES_URL",
            "jdbc:postgresql://pg:5432/legerible")
        .containsEntry(
            "spark.kubernetes.driver.secretKeyRef.LEGERIBLE_POSTGRES_PASSWORD",
            "legerible-postgres:password")
        .doesNotContainValue("s3cret")
        .doesNotContainKey("spark.kubernetes.driverEnv.LEGERIBLE_SPARK_IMAGE");
    assertThat(plan.podTemplates().get("driver"))
        .contains("kind: \"LegeribleLibrary\"")
        .contains("uid: \"1234\"")
        .contains("ownerReferences")
        .contains("runAsNonRoot: true");
    assertThat(plan.podTemplates().get("executor"))
        .doesNotContain("ownerReferences")
        .contains("runAsUser: 185", "seccompProfile", "allowPrivilegeEscalation: false");
  }

  @Test
  void placementReachesTheDriverAndExecutorPodTemplates() {
    Map<String, String> environment = new HashMap<>();
    environment.put(PlatformEnvironment.SPARK_MASTER, "k8s://https://10.0.0.1:6443");
    environment.put(PlatformEnvironment.SPARK_IMAGE, "registry.example/legerible-spark:1");
    environment.put(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, "legerible-spark");
    environment.put(
        PlatformEnvironment.SPARK_POD_PLACEMENT,
        "{\"nodeSelector\":{\"pool\":\"analytics\"},\"priorityClassName\":\"batch-low\","
            + "\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\","
            + "\"value\":\"analytics\",\"effect\":\"NoSchedule\"}]}");

    SubmissionPlan plan =
        SubmissionPlanner.plan(
            SparkJob.RECOMMENDATIONS, JobSettings.from(environment), Map.of(), "/cp");

    for (String role : List.of("driver", "executor")) {
      var pod = Serialization.unmarshal(plan.podTemplates().get(role), Pod.class).getSpec();
      assertThat(pod.getNodeSelector()).as(role).containsExactly(Map.entry("pool", "analytics"));
      assertThat(pod.getPriorityClassName()).as(role).isEqualTo("batch-low");
      assertThat(pod.getTolerations())
          .as(role)
          .singleElement()
          .satisfies(t -> assertThat(t.getValue()).isEqualTo("analytics"));
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(role).isTrue();
    }
  }

  @Test
  void kubernetesPlanRefusesAPasswordGivenAsAValue() {
    Map<String, String> environment =
        Map.of(
            PlatformEnvironment.SPARK_MASTER, "k8s://https://10.0.0.1:6443",
            PlatformEnvironment.SPARK_IMAGE, "img",
            PlatformEnvironment.SPARK_SERVICE_ACCOUNT, "sa",
            PlatformEnvironment.CASSANDRA_PASSWORD, "pw");

    assertThatThrownBy(
            () ->
                SubmissionPlanner.plan(
                    SparkJob.RANKING_STREAM, JobSettings.from(environment), Map.of(), "/cp"))
        .hasMessageContaining(
            "LEGERIBLE_CASSANDRA_PASSWORD must reach the driver pod from a Secret")
        .hasMessageContaining(SubmissionPlanner.SECRET_ENV);
  }

  @Test
  void missingImageAndUnknownMasterAndJobSayWhatToSet() {
    assertThatThrownBy(
            () ->
                SubmissionPlanner.plan(
                    SparkJob.RANKING_STREAM,
                    JobSettings.from(
                        Map.of(PlatformEnvironment.SPARK_MASTER, "k8s://https://10.0.0.1")),
                    Map.of(),
                    "/cp"))
        .hasMessageContaining("LEGERIBLE_SPARK_IMAGE")
        .hasMessageContaining("--spark-image=");
    assertThatThrownBy(
            () ->
                SubmissionPlanner.plan(
                    SparkJob.RANKING_STREAM,
                    JobSettings.from(Map.of(PlatformEnvironment.SPARK_MASTER, "yarn")),
                    Map.of(),
                    "/cp"))
        .hasMessageContaining("local[...] or k8s://");
    assertThatThrownBy(() -> SparkJob.named("rankings"))
        .hasMessageContaining("ranking-stream, recommendations");
  }
}
