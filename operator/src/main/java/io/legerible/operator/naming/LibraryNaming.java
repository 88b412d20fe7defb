package io.legerible.operator.naming;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every name and label of every object a library owns: the one place they are computed. Objects are
 * named {@code legerible-<library>-<component>[-<part>]}.
 */
public final class LibraryNaming {

  /** Label key naming the tool that manages an object. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** Value of {@link #MANAGED_BY_LABEL} on everything this operator creates. */
  public static final String OPERATOR = "legerible-operator";

  /** Label key naming the library an object belongs to. */
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  /** Label key naming the component an object belongs to. */
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

  /** Label key naming the application. */
  public static final String NAME_LABEL = "app.kubernetes.io/name";

  /** Label key naming the larger application the object is part of. */
  public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

  /** Selector matching every object this operator manages. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + OPERATOR;

  /** Start of a per-component informer selector; append a {@link Component#label()}. */
  public static final String COMPONENT_SELECTOR_PREFIX =
      MANAGED_SELECTOR + "," + COMPONENT_LABEL + "=";

  /** Pod template annotation prefix carrying hashes of the ConfigMaps and Secrets a pod reads. */
  public static final String HASH_ANNOTATION_PREFIX = "legerible.io/hash-";

  /**
   * Annotation on a StatefulSet: how many members the spec gives it, also while hibernation runs
   * none, so that a change of size is judged against what holds the data.
   */
  public static final String SIZE_ANNOTATION = "legerible.io/size";

  /**
   * Label the operator puts on a user's credential Secret that a library names, so that it is
   * watched (the operator never watches every Secret of the cluster) and its rotation rolls the
   * programs reading it.
   */
  public static final String WATCHED_CREDENTIALS_LABEL = "legerible.io/watched-credentials";

  /** The longest library name whose derived object and pod names stay within Kubernetes limits. */
  public static final int MAX_LIBRARY_NAME_LENGTH = 26;

  private static final String PREFIX = "legerible-";

  private LibraryNaming() {}

  /** Name of a component's main objects, e.g. {@code legerible-city-kafka}. */
  public static String name(HasMetadata library, Component component) {
    return PREFIX + library.getMetadata().getName() + "-" + component.label();
  }

  /** Name of a further object of a component, e.g. {@code legerible-city-kafka-topics}. */
  public static String name(HasMetadata library, Component component, String part) {
    return name(library, component) + "-" + part;
  }

  /** The claim PostgreSQL's backups are written to, kept when the library is deleted. */
  public static String postgresBackups(HasMetadata library) {
    return name(library, Component.POSTGRES) + "-backups";
  }

  /** The ConfigMap with the scripts that restore a new database from a backup. */
  public static String postgresRestore(HasMetadata library) {
    return name(library, Component.POSTGRES, "restore");
  }

  /** The generated PostgreSQL credentials Secret. */
  public static String postgresCredentials(HasMetadata library) {
    return name(library, Component.POSTGRES, "credentials");
  }

  /** The generated Secret with the demo members' password. */
  public static String demoCredentials(HasMetadata library) {
    return name(library, Component.WEBAPP, "demo-credentials");
  }

  /** The connection contract ConfigMap every consumer reads. */
  public static String platformConfig(HasMetadata library) {
    return name(library, Component.PLATFORM);
  }

  /** The website's own settings ConfigMap. */
  public static String webappConfig(HasMetadata library) {
    return name(library, Component.WEBAPP, "config");
  }

  /** The Job creating the library's Kafka topics. */
  public static String kafkaTopicsJob(HasMetadata library) {
    return name(library, Component.KAFKA, "topics");
  }

  /** The ServiceAccount, Role and RoleBinding Spark drivers use. */
  public static String spark(HasMetadata library) {
    return name(library, Component.SPARK);
  }

  /** DNS name of a component's Service inside the cluster. */
  public static String serviceHost(HasMetadata library, Component component) {
    return name(library, component) + "." + library.getMetadata().getNamespace() + ".svc";
  }

  /** DNS name of one StatefulSet pod behind its headless Service. */
  public static String podHost(HasMetadata library, Component component, int ordinal) {
    return name(library, component)
        + "-"
        + ordinal
        + "."
        + name(library, component)
        + "."
        + library.getMetadata().getNamespace()
        + ".svc";
  }

  /** Labels of every object of a component. */
  public static Map<String, String> labels(HasMetadata library, Component component) {
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels(library, component));
    labels.put(MANAGED_BY_LABEL, OPERATOR);
    labels.put(PART_OF_LABEL, "legerible");
    return labels;
  }

  /** The immutable subset of {@link #labels} that Deployments and Services select pods by. */
  public static Map<String, String> selectorLabels(HasMetadata library, Component component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, "legerible");
    labels.put(INSTANCE_LABEL, library.getMetadata().getName());
    labels.put(COMPONENT_LABEL, component.label());
    return labels;
  }

  /** Annotation key of the hash of the named ConfigMap or Secret on a pod template. */
  public static String hashAnnotation(String configMapOrSecretName, HasMetadata library) {
    String prefix = PREFIX + library.getMetadata().getName() + "-";
    String shortName =
        configMapOrSecretName.startsWith(prefix)
            ? configMapOrSecretName.substring(prefix.length())
            : configMapOrSecretName;
    return HASH_ANNOTATION_PREFIX + shortName;
  }
}
