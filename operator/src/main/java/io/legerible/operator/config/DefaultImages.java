package io.legerible.operator.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

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
    String cassandra,
    String operator) {

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

  /**
   * Environment variable overriding {@link #operator()}: the operator's own image, which also runs
   * the programs of its Jobs (copying backups to an object store).
   */
  public static final String OPERATOR_ENV = "LEGERIBLE_IMAGE_OPERATOR";

  /** Where the built-in defaults are: filled in from the root pom's properties at build time. */
  static final String BUILT_IN_RESOURCE = "default-images.properties";

  /**
   * The built-in defaults: our images as the root pom names and tags them, the backing services at
   * the versions the tests run (root pom {@code postgres-server.version}, {@code
   * memcached-server.version}, {@code kafka-server.version}, {@code cassandra-server.version}).
   */
  public static final DefaultImages BUILT_IN = load(BUILT_IN_RESOURCE);

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
        pick(environment, CASSANDRA_ENV, BUILT_IN.cassandra),
        pick(environment, OPERATOR_ENV, BUILT_IN.operator));
  }

  /** {@code image} when set, else {@code fallback}. */
  public static String orDefault(String image, String fallback) {
    return image == null || image.isBlank() ? fallback : image;
  }

  static DefaultImages load(String resource) {
    Properties images = new Properties();
    try (InputStream in = DefaultImages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing from the operator's classpath: build it with ./mvnw");
      }
      images.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
    return new DefaultImages(
        image(images, resource, "webapp"),
        image(images, resource, "workloads"),
        image(images, resource, "postgres"),
        image(images, resource, "memcached"),
        image(images, resource, "kafka"),
        image(images, resource, "cassandra"),
        image(images, resource, "operator"));
  }

  private static String image(Properties images, String resource, String key) {
    String image = images.getProperty(key, "").strip();
    if (image.isEmpty() || image.contains("${")) {
      throw new IllegalStateException(
          resource
              + " has no image for '"
              + key
              + "' (got '"
              + image
              + "'): it is filtered by Maven from the root pom's properties; build with ./mvnw");
    }
    return image;
  }

  private static String pick(Map<String, String> environment, String key, String fallback) {
    return orDefault(environment.get(key), fallback);
  }
}
