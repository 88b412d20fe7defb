package io.legerible.operator.dependent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.Placement;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkDependentsTest {

  @Test
  void driversRunAsAnAccountAllowedToManageExecutorPods() {
    var account =
        new SparkServiceAccountDependentResource().build(Libraries.city(), Libraries.inputs());
    var role = new SparkRoleDependentResource().build(Libraries.city(), Libraries.inputs());
    var binding =
        new SparkRoleBindingDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(account.getMetadata().getName()).isEqualTo("legerible-city-spark");
    assertThat(role.getRules().get(0).getResources()).contains("pods", "services", "configmaps");
    assertThat(role.getRules().get(0).getVerbs()).contains("create", "delete", "watch");
    assertThat(binding.getRoleRef().getName()).isEqualTo("legerible-city-spark");
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo("legerible-city-spark");
    assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("town");
  }

  @Test
  void sparkSettingsPointAtTheInClusterApiServerAndTheExecutorsOfTheSpec() {
    var library =
        Libraries.city(
            spec -> {
              spec.analytics.executors.instances = 4;
              spec.analytics.executors.memory = "2g";
              spec.analytics.executors.cpuRequest = "300m";
              spec.analytics.executors.driverCpuRequest = "100m";
            });
    List<EnvVar> env = SparkSettings.clusterModeEnv(library, Libraries.inputs());
    assertThat(env)
        .contains(
            new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_CPU, "300m", null),
            new EnvVar(PlatformEnvironment.SPARK_DRIVER_CPU, "100m", null),
            new EnvVar(PlatformEnvironment.SPARK_DRIVER_MEMORY, "512m", null),
            new EnvVar(
                PlatformEnvironment.SPARK_SECRET_ENV,
                "LEGERIBLE_POSTGRES_PASSWORD=legerible-city-postgres-credentials:password",
                null),
            new EnvVar(
                PlatformEnvironment.SPARK_DRIVER_OWNER,
                "apiVersion=v1,kind=Pod,name=$(POD_NAME),uid=$(POD_UID)",
                null));
    List<String> names = env.stream().map(EnvVar::getName).toList();
    assertThat(names.indexOf("POD_UID"))
        .as("Kubernetes expands $(POD_UID) only when it is defined earlier")
        .isLessThan(names.indexOf(PlatformEnvironment.SPARK_DRIVER_OWNER));
    assertThat(env)
        .contains(
            new EnvVar(
                PlatformEnvironment.SPARK_MASTER, "k8s://https://kubernetes.default.svc", null),
            new EnvVar(PlatformEnvironment.SPARK_IMAGE, "legerible/workloads:0.1.0", null),
            new EnvVar(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, "legerible-city-spark", null),
            new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_INSTANCES, "4", null),
            new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_MEMORY, "2g", null));
  }

  @Test
  void driverAndExecutorsArePlacedLikeTheSubmitter() {
    assertThat(SparkSettings.clusterModeEnv(Libraries.city(), Libraries.inputs()))
        .extracting(EnvVar::getName)
        .doesNotContain(PlatformEnvironment.SPARK_POD_PLACEMENT);

    Placement.Toleration toleration = new Placement.Toleration();
    toleration.key = "dedicated";
    toleration.operator = Placement.TolerationOperator.EQUAL;
    toleration.value = "analytics";
    toleration.effect = Placement.TaintEffect.NO_SCHEDULE;
    var library =
        Libraries.city(
            spec -> {
              spec.analytics.placement = new Placement();
              spec.analytics.placement.nodeSelector = Map.of("pool", "analytics");
              spec.analytics.placement.tolerations = List.of(toleration);
              spec.analytics.placement.priorityClassName = "batch-low";
            });
    String json =
        SparkSettings.clusterModeEnv(library, Libraries.inputs()).stream()
            .filter(env -> env.getName().equals(PlatformEnvironment.SPARK_POD_PLACEMENT))
            .findFirst()
            .orElseThrow()
            .getValue();
    PodSpec where = Serialization.unmarshal(json, PodSpec.class);

    assertThat(where.getNodeSelector()).containsExactly(Map.entry("pool", "analytics"));
    assertThat(where.getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("dedicated");
              assertThat(t.getOperator()).isEqualTo("Equal");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(where.getPriorityClassName()).isEqualTo("batch-low");
    assertThat(where.getContainers()).isEmpty();
  }
}
