package io.legerible.operator.config;

import java.util.Map;

/**
 * Default container images of every workload, in one place; each can be overridden by an
 * environment variable of the operator (the Helm chart sets them).
 */
public record DefaultImages(
    String webapp,
    String workloads,
    String postgres,
    String memcached,
    String kafka,
    String cassandra) {

  /** Environment variable overriding {@link #webapp()}. */
  public static final String WEBAPP_ENV = "LEGERIBLE_IMAGE_WEBAPP";

  /** Environment variable overriding {@link #workloads()}. */
  public static final String WORKLOADS_ENV = "LEGERIBLE_IMAGE_WORKLOADS";

  /** Environment variable overriding {@link #postgres()}. */
  public static final String POSTGRES_ENV = "LEGERIBLE_IMAGE_POSTGRES";

  /** Environment variable overriding {@link #memcached()}. */
  public static final String MEMCACHED_ENV = "LEGERIBLE_IMAGE_MEMCACHED";

  /** Environment variable overriding {@link #kafka()}. */
  public static final String KAFKA_ENV = "LEGERIBLE_IMAGE_KAFKA";

  /** Environment variable overriding {@link #cassandra()}. */
  public static final String CASSANDRA_ENV = "LEGERIBLE_IMAGE_CASSANDRA";

  /** The built-in defaults. */
  public static final DefaultImages BUILT_IN =
      new DefaultImages(
          "legerible/webapp:0.1.0",
          "legerible/workloads:0.1.0",
          "postgres:17.6",
          "memcached:1.6.39",
          "apache/kafka:4.1.1",
          "cassandra:5.0.6");

  private static final DefaultImages FROM_ENVIRONMENT = from(System.getenv());

  /** The defaults with the overrides found in the operator's environment. */
  public static DefaultImages fromEnvironment() {
    return FROM_ENVIRONMENT;
  }

  /** The defaults with the overrides found in {@code environment}. */
  public static DefaultImages from(Map<String, String> environment) {
    return new DefaultImages(
        pick(environment, WEBAPP_ENV, BUILT_IN.webapp),
        pick(environment, WORKLOADS_ENV, BUILT_IN.workloads),
        pick(environment, POSTGRES_ENV, BUILT_IN.postgres),
        pick(environment, MEMCACHED_ENV, BUILT_IN.memcached),
        pick(environment, KAFKA_ENV, BUILT_IN.kafka),
        pick(environment, CASSANDRA_ENV, BUILT_IN.cassandra));
  }

  /** {@code image} when set, else {@code fallback}. */
  public static String orDefault(String image, String fallback) {
    return image == null || image.isBlank() ? fallback : image;
  }

  private static String pick(Map<String, String> environment, String key, String fallback) {
    return orDefault(environment.get(key), fallback);
  }
}
