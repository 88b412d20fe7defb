package io.legerible.operator.dependent.spark;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.ExecutorsSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.naming.LibraryNaming;
import java.util.List;

/** How our submitter reaches Spark on Kubernetes: master, image, namespace, account, executors. */
public final class SparkSettings {

  /** The in-cluster API server, Spark's Kubernetes master. */
  public static final String MASTER = "k8s://https://kubernetes.default.svc";

  private SparkSettings() {}

  /** The LEGERIBLE_SPARK_* variables of a driver pod. */
  public static List<EnvVar> env(LegeribleLibrary library, DesiredInputs inputs) {
    ExecutorsSpec executors = library.getSpec().analytics.executors;
    return List.of(
        new EnvVar(PlatformEnvironment.SPARK_MASTER, MASTER, null),
        new EnvVar(PlatformEnvironment.SPARK_IMAGE, inputs.images().workloads(), null),
        new EnvVarBuilder()
            .withName(PlatformEnvironment.SPARK_NAMESPACE)
            .withNewValueFrom()
            .withNewFieldRef()
            .withApiVersion("v1")
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endValueFrom()
            .build(),
        new EnvVar(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, LibraryNaming.spark(library), null),
        new EnvVar(
            PlatformEnvironment.SPARK_EXECUTOR_INSTANCES,
            Integer.toString(executors.instances),
            null),
        new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_MEMORY, executors.memory, null));
  }
}
