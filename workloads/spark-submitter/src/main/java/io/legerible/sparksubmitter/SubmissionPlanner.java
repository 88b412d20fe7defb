package io.legerible.sparksubmitter;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.sparkjobs.platform.JobSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.launcher.SparkLauncher;

/** Turns a job and the platform configuration into a {@link SubmissionPlan}; pure. */
public final class SubmissionPlanner {

  /** Driver memory, e.g. {@code 1g}. */
  public static final String DRIVER_MEMORY = PlatformEnvironment.SPARK_DRIVER_MEMORY;

  /** The jobs' jar inside the Spark image, as a {@code local://} URI. */
  public static final String APPLICATION_JAR = PlatformEnvironment.SPARK_APPLICATION_JAR;

  /** Secret references for driver environment variables on Kubernetes. */
  public static final String SECRET_ENV = PlatformEnvironment.SPARK_SECRET_ENV;

  /** The owner of the driver pod on Kubernetes. */
  public static final String DRIVER_OWNER = PlatformEnvironment.SPARK_DRIVER_OWNER;

  /** Where the Spark image keeps the jobs' jar unless configured otherwise. */
  public static final String DEFAULT_APPLICATION_JAR =
      "local:///opt/spark/jars/legerible-spark-jobs.jar";

  /** Spark's Ivy cache: nothing is downloaded (no packages), but spark-submit wants a directory. */
  static final String IVY_DIRECTORY = "/tmp/spark-ivy";

  /** The user (and group) of Spark's image, {@code spark}. */
  static final long SPARK_IMAGE_USER = 185;

  private SubmissionPlanner() {}

  /**
   * The plan for {@code job} with {@code settings}; {@code confOverrides} win over everything the
   * planner sets; {@code classpath} is the classpath the local Spark child runs with.
   */
  public static SubmissionPlan plan(
      SparkJob job, JobSettings settings, Map<String, String> confOverrides, String classpath) {
    String master = settings.get(PlatformEnvironment.SPARK_MASTER, "local[*]");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.app.name", "legerible-" + job.commandName());
    conf.put(SparkLauncher.DRIVER_MEMORY, settings.get(DRIVER_MEMORY, "1g"));
    // Timestamps and days of the data lake are computed in UTC wherever the driver runs.
    conf.put("spark.sql.session.timeZone", "UTC");
    // spark-submit prepares an Ivy cache under the user's home, which a container user without a
    // passwd entry (home "?") or a read-only root file system does not have: keep it in tmp.
    conf.put("spark.jars.ivy", IVY_DIRECTORY);
    SubmissionPlan plan;
    if (master.startsWith("local")) {
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.sql.shuffle.partitions", "4");
      conf.putAll(confOverrides);
      Map<String, String> environment = new TreeMap<>(settings.asMap());
      environment.put("SPARK_DIST_CLASSPATH", classpath);
      environment.put("SPARK_SCALA_VERSION", "2.13");
      environment.put("SPARK_LOCAL_IP", "127.0.0.1");
      plan =
          new SubmissionPlan(
              job,
              master,
              "client",
              SparkLauncher.NO_RESOURCE,
              conf,
              environment,
              Map.of(),
              List.of());
    } else if (master.startsWith("k8s://")) {
      plan = kubernetesPlan(job, settings, master, conf, confOverrides, classpath);
    } else {
      throw new IllegalArgumentException(
          PlatformEnvironment.SPARK_MASTER
              + " must be local[...] or k8s://https://<api-server>, got '"
              + master
              + "'");
    }
    return plan;
  }

  private static SubmissionPlan kubernetesPlan(
      SparkJob job,
      JobSettings settings,
      String master,
      Map<String, String> conf,
      Map<String, String> confOverrides,
      String classpath) {
    conf.put("spark.kubernetes.container.image", settings.require(PlatformEnvironment.SPARK_IMAGE));
    conf.put(
        "spark.kubernetes.namespace", settings.get(PlatformEnvironment.SPARK_NAMESPACE, "default"));
    conf.put(
        "spark.kubernetes.authenticate.driver.serviceAccountName",
        settings.require(PlatformEnvironment.SPARK_SERVICE_ACCOUNT));
    conf.put(
        "spark.executor.instances",
        settings.get(PlatformEnvironment.SPARK_EXECUTOR_INSTANCES, "1"));
    conf.put(
        SparkLauncher.EXECUTOR_MEMORY,
        settings.get(PlatformEnvironment.SPARK_EXECUTOR_MEMORY, "1g"));
    conf.put(
        SparkLauncher.EXECUTOR_CORES, settings.get(PlatformEnvironment.SPARK_EXECUTOR_CORES, "1"));
    // Requests may be fractions of a core, so a small node can run driver and executors.
    settings
        .find(PlatformEnvironment.SPARK_DRIVER_CPU)
        .ifPresent(cpu -> conf.put("spark.kubernetes.driver.request.cores", cpu));
    settings
        .find(PlatformEnvironment.SPARK_EXECUTOR_CPU)
        .ifPresent(cpu -> conf.put("spark.kubernetes.executor.request.cores", cpu));
    conf.put("spark.kubernetes.submission.waitAppCompletion", "true");
    for (String role : List.of("driver", "executor")) {
      conf.put("spark.kubernetes." + role + ".label.app.kubernetes.io/part-of", "legerible");
      conf.put(
          "spark.kubernetes." + role + ".label.app.kubernetes.io/name",
          "legerible-" + job.commandName());
      conf.put("spark.kubernetes." + role + ".label.app.kubernetes.io/component", "spark-" + role);
    }
    Map<String, String> secretRefs = secretReferences(settings.get(SECRET_ENV, ""));
    settings
        .asMap()
        .forEach(
            (name, value) -> {
              if (secretRefs.containsKey(name) || !forwardedToDriver(name)) {
                return;
              }
              if (name.endsWith("_PASSWORD")) {
                throw new IllegalArgumentException(
                    name
                        + " must reach the driver pod from a Secret, not as a value: set "
                        + SECRET_ENV
                        + "="
                        + name
                        + "=<secret>:<key>");
              }
              conf.put("spark.kubernetes.driverEnv." + name, value);
            });
    secretRefs.forEach(
        (name, ref) -> conf.put("spark.kubernetes.driver.secretKeyRef." + name, ref));
    conf.putAll(confOverrides);
    Map<String, String> templates = new LinkedHashMap<>();
    Optional<PodSpec> placement =
        settings
            .find(PlatformEnvironment.SPARK_POD_PLACEMENT)
            .map(json -> Serialization.unmarshal(json, PodSpec.class));
    templates.put(
        "driver", podTemplate("spark-kubernetes-driver", settings.find(DRIVER_OWNER), placement));
    templates.put(
        "executor", podTemplate("spark-kubernetes-executor", Optional.empty(), placement));
    Map<String, String> environment = new HashMap<>();
    environment.put("SPARK_DIST_CLASSPATH", classpath);
    environment.put("SPARK_SCALA_VERSION", "2.13");
    return new SubmissionPlan(
        job,
        master,
        "cluster",
        settings.get(APPLICATION_JAR, DEFAULT_APPLICATION_JAR),
        conf,
        environment,
        templates,
        List.of());
  }

  /** Settings that configure the submission itself stay with the submitter. */
  private static boolean forwardedToDriver(String name) {
    return !name.startsWith("LEGERIBLE_SPARK_");
  }

  static Map<String, String> secretReferences(String text) {
    Map<String, String> refs = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.strip().split("=", 2);
      if (parts.length != 2 || !parts[1].matches("[a-z0-9][a-z0-9.-]*:[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            SECRET_ENV + " entries look like VARIABLE=secret-name:key, got '" + entry + "'");
      }
      refs.put(parts[0], parts[1]);
    }
    return refs;
  }

  /**
   * A pod template for Spark's driver or executor pods: the restricted security context every pod
   * of the platform has (Spark's image user, no privileges), the owner, when given as {@code
   * apiVersion=...,kind=...,name=...,uid=...}, whose deletion deletes the pod, and the node
   * selector, tolerations and priority class of {@code placement}, when given.
   */
  static String podTemplate(String container, Optional<String> owner, Optional<PodSpec> placement) {
    PodBuilder pod = new PodBuilder().withNewMetadata().endMetadata();
    owner.ifPresent(
        text -> {
          Map<String, String> fields = ownerFields(text);
          pod.editMetadata()
              .withOwnerReferences(
                  new OwnerReferenceBuilder()
                      .withApiVersion(fields.get("apiVersion"))
                      .withKind(fields.get("kind"))
                      .withName(fields.get("name"))
                      .withUid(fields.get("uid"))
                      .withBlockOwnerDeletion(true)
                      .withController(false)
                      .build())
              .endMetadata();
        });
    pod.withNewSpec()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(SPARK_IMAGE_USER)
        .withRunAsGroup(SPARK_IMAGE_USER)
        .withFsGroup(SPARK_IMAGE_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(container)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec();
    Pod built = pod.build();
    placement.ifPresent(
        where -> {
          built.getSpec().setNodeSelector(where.getNodeSelector());
          built.getSpec().setTolerations(where.getTolerations());
          built.getSpec().setPriorityClassName(where.getPriorityClassName());
        });
    return Serialization.asYaml(built);
  }

  private static Map<String, String> ownerFields(String owner) {
    Map<String, String> fields = new HashMap<>();
    for (String entry : owner.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      if (parts.length == 2) {
        fields.put(parts[0], parts[1]);
      }
    }
    for (String required : List.of("apiVersion", "kind", "name", "uid")) {
      if (!fields.containsKey(required)) {
        throw new IllegalArgumentException(
            DRIVER_OWNER
                + " must be apiVersion=...,kind=...,name=...,uid=..., missing "
                + required
                + " in '"
                + owner
                + "'");
      }
    }
    return fields;
  }
}
