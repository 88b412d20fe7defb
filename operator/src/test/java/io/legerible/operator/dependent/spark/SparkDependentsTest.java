package io.legerible.operator.dependent.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.testing.Libraries;
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
            });
    assertThat(SparkSettings.env(library, Libraries.inputs()))
        .contains(
            new EnvVar(
                PlatformEnvironment.SPARK_MASTER, "k8s://https://kubernetes.default.svc", null),
            new EnvVar(PlatformEnvironment.SPARK_IMAGE, "legerible/workloads:0.1.0", null),
            new EnvVar(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, "legerible-city-spark", null),
            new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_INSTANCES, "4", null),
            new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_MEMORY, "2g", null));
  }
}
