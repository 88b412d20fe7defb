package io.legerible.operator.dependent.spark;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.ExecutorsSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.Placement;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How our submitter runs a Spark application on Kubernetes (the recommendations batch): master,
 * image, namespace, account, the driver's and executors' sizes and placement, the credentials the
 * driver reads from Secrets, and the submitter's own pod as the driver's owner.
 */
public final class SparkSettings {

  /** The in-cluster API server, Spark's Kubernetes master. */
  public static final String MASTER = "k8s://https://kubernetes.default.svc";

  private static final String POD_NAME = "POD_NAME";
  private static final String POD_UID = "POD_UID";

  private SparkSettings() {}

  /** The LEGERIBLE_SPARK_* variables (and the pod identity they refer to) of a submitter pod. */
  public static List<EnvVar> clusterModeEnv(LegeribleLibrary library, DesiredInputs inputs) {
    ExecutorsSpec executors = library.getSpec().analytics.executors;
    List<EnvVar> env = new ArrayList<>(settings(library, inputs, executors));
    Placement placement = library.getSpec().analytics.placement;
    if (placement != null) {
      // The driver and executors Spark creates run where the submitter itself is placed.
      PodSpec where = new PodSpec();
      PodPlacement.apply(where, placement);
      env.add(
          new EnvVar(PlatformEnvironment.SPARK_POD_PLACEMENT, Serialization.asJson(where), null));
    }
    return env;
  }

  private static List<EnvVar> settings(
      LegeribleLibrary library, DesiredInputs inputs, ExecutorsSpec executors) {
    return List.of(
        new EnvVar(PlatformEnvironment.SPARK_MASTER, MASTER, null),
        new EnvVar(PlatformEnvironment.SPARK_IMAGE, inputs.images().workloads(), null),
        downward(PlatformEnvironment.SPARK_NAMESPACE, "metadata.namespace"),
        new EnvVar(PlatformEnvironment.SPARK_SERVICE_ACCOUNT, LibraryNaming.spark(library), null),
        new EnvVar(
            PlatformEnvironment.SPARK_EXECUTOR_INSTANCES,
            Integer.toString(executors.instances),
            null),
        new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_MEMORY, executors.memory, null),
        new EnvVar(
            PlatformEnvironment.SPARK_EXECUTOR_CORES, Integer.toString(executors.cores), null),
        new EnvVar(PlatformEnvironment.SPARK_EXECUTOR_CPU, executors.cpuRequest, null),
        new EnvVar(PlatformEnvironment.SPARK_DRIVER_MEMORY, executors.driverMemory, null),
        new EnvVar(PlatformEnvironment.SPARK_DRIVER_CPU, executors.driverCpuRequest, null),
        new EnvVar(PlatformEnvironment.SPARK_SECRET_ENV, secretReferences(library), null),
        // The driver pod belongs to the submitter's pod: when the run's Job goes, so do its pods.
        downward(POD_NAME, "metadata.name"),
        downward(POD_UID, "metadata.uid"),
        new EnvVar(
            PlatformEnvironment.SPARK_DRIVER_OWNER,
            "apiVersion=v1,kind=Pod,name=$(" + POD_NAME + "),uid=$(" + POD_UID + ")",
            null));
  }

  /**
   * The credentials of the connection contract as the driver pod must read them: from the same
   * Secrets, never as values in its spec.
   */
  static String secretReferences(LegeribleLibrary library) {
    return ConnectionContract.credentials(library).stream()
        .map(
            env ->
                env.getName()
                    + "="
                    + env.getValueFrom().getSecretKeyRef().getName()
                    + ":"
                    + env.getValueFrom().getSecretKeyRef().getKey())
        .collect(Collectors.joining(","));
  }

  private static EnvVar downward(String name, String fieldPath) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withApiVersion("v1")
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}
