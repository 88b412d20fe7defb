package io.legerible.sparksubmitter;

import java.util.List;
import java.util.Map;

/**
 * Everything spark-launcher needs to submit one job, decided before anything runs.
 *
 * @param job the job
 * @param master Spark master URL
 * @param deployMode {@code client} (local) or {@code cluster} (Kubernetes)
 * @param appResource the application jar, or spark-launcher's no-resource marker when the job is on
 *     the classpath
 * @param conf Spark configuration
 * @param environment extra environment of the spark-submit child process
 * @param podTemplates YAML pod templates by Spark role ({@code driver}, {@code executor}), on
 *     Kubernetes
 * @param appArgs arguments of the job's main
 */
public record SubmissionPlan(
    SparkJob job,
    String master,
    String deployMode,
    String appResource,
    Map<String, String> conf,
    Map<String, String> environment,
    Map<String, String> podTemplates,
    List<String> appArgs) {

  /** True when the driver runs as a child process of this machine. */
  public boolean local() {
    return master.startsWith("local");
  }
}
