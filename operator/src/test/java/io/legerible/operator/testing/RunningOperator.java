package io.legerible.operator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.legerible.operator.LibraryOperator;
import io.legerible.operator.OperatorHttpServer;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.config.OperatorSettings;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.reconciler.LegeribleLibraryReconciler;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.kubernetes.LabelledObjects;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The operator running in the test JVM against a test cluster, plus helpers the ITs share. */
public final class RunningOperator implements AutoCloseable {

  private final KubernetesClient client;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final String CRD_NAME = "legeriblelibraries.legerible.io";

  private boolean installedCrd;
  private final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Operator operator;
  private OperatorHttpServer http;

  private RunningOperator(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Installs the committed CRD unless the cluster already has it, and starts the operator watching
   * every namespace.
   */
  public static RunningOperator start(KubernetesClient client) {
    RunningOperator running = new RunningOperator(client);
    if (client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get() == null) {
      installCrd(client);
      running.installedCrd = true;
    }
    running.startOperator();
    return running;
  }

  /**
   * Applies crds/ (the committed CRD, as users install it) and waits until it is established. It is
   * applied as plain YAML, unchanged, so that other installers of the same file (the Helm chart's
   * ITs share the cluster) apply identical values and never conflict with this field manager.
   */
  public static void installCrd(KubernetesClient client) {
    Path file =
        ProjectLayout.root().resolve("crds").resolve("legeriblelibraries.legerible.io-v1.yml");
    GenericKubernetesResource crd;
    try (InputStream in = Files.newInputStream(file)) {
      crd = Serialization.unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client
        .resource(crd)
        .fieldManager("legerible-operator-tests")
        .forceConflicts()
        .serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            30,
            TimeUnit.SECONDS);
  }

  /** Starts (again) an operator in this JVM. */
  public synchronized void startOperator() {
    operator =
        LibraryOperator.create(
            client, new OperatorSettings(Set.of(), 0, false, null, Duration.ZERO), registry);
    http = OperatorHttpServer.start(0, operator, registry);
    operator.start();
  }

  /** Stops the operator; the cluster keeps running. */
  public synchronized void stopOperator() {
    if (operator != null) {
      operator.stop();
      http.close();
      operator = null;
    }
  }

  /** Restarts the operator, as a new pod of it would start. */
  public void restart() {
    stopOperator();
    startOperator();
  }

  /** Base URL of the operator's health and metrics endpoints. */
  public synchronized String httpBaseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  /** The client. */
  public KubernetesClient client() {
    return client;
  }

  /** Creates a namespace with a name unique to this run. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + Long.toHexString(System.nanoTime()).substring(6);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    namespaces.add(name);
    return name;
  }

  /** A library read from a YAML file of crds/examples, put in {@code namespace}. */
  public static LegeribleLibrary example(String file, String namespace) {
    Path path = ProjectLayout.root().resolve("crds").resolve("examples").resolve(file);
    try (InputStream in = Files.newInputStream(path)) {
      LegeribleLibrary library = Serialization.unmarshal(in, LegeribleLibrary.class);
      library.getMetadata().setNamespace(namespace);
      return library;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A library parsed from YAML, put in {@code namespace}. */
  public static LegeribleLibrary parse(String yaml, String namespace) {
    LegeribleLibrary library = Serialization.unmarshal(yaml, LegeribleLibrary.class);
    library.getMetadata().setNamespace(namespace);
    return library;
  }

  /** Every object the operator manages for {@code library}, keyed "Kind/name" → resourceVersion. */
  public Map<String, String> managedResourceVersions(String namespace, String library) {
    return new Inventory(client).managedResourceVersions(namespace, library);
  }

  /**
   * Waits until neither the library (its status) nor any object it manages changed for {@code
   * quiet} (the operator and the controllers finished their status updates) and returns the managed
   * objects' resourceVersions.
   */
  public Map<String, String> awaitSettled(String namespace, String library, Duration quiet) {
    Map<String, String>[] last = new Map[] {versionsWithLibrary(namespace, library)};
    long[] since = {System.nanoTime()};
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Map<String, String> now = versionsWithLibrary(namespace, library);
              if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
              }
              return System.nanoTime() - since[0] >= quiet.toNanos();
            });
    Map<String, String> managed = new TreeMap<>(last[0]);
    managed.remove(LegeribleLibrary.class.getSimpleName() + "/" + library);
    return managed;
  }

  private Map<String, String> versionsWithLibrary(String namespace, String library) {
    Map<String, String> versions = new TreeMap<>(managedResourceVersions(namespace, library));
    LegeribleLibrary current =
        client.resources(LegeribleLibrary.class).inNamespace(namespace).withName(library).get();
    versions.put(
        LegeribleLibrary.class.getSimpleName() + "/" + library,
        current == null ? "" : current.getMetadata().getResourceVersion());
    return versions;
  }

  /**
   * What the operator itself last wrote to each object it manages for {@code library} (see {@link
   * LabelledObjects#writesBy}): unchanged means the operator changed nothing there.
   */
  public Map<String, String> operatorWrites(String namespace, String library) {
    return LabelledObjects.writesBy(
        LegeribleLibraryReconciler.NAME,
        LabelledObjects.list(client, namespace, Inventory.selector(library)));
  }

  /** The YAML of a library named {@code name} whose spec is the YAML flow text {@code spec}. */
  public static String libraryYaml(String name, String spec) {
    return """
        apiVersion: legerible.io/v1alpha1
        kind: LegeribleLibrary
        metadata:
          name: %s
        spec:
          %s
        """
        .formatted(name, spec);
  }

  /** How long ITs wait for the operator at most. */
  public static Duration patience() {
    return Duration.ofSeconds(60);
  }

  /**
   * Stops the operator and deletes the namespaces it made: the cluster is shared with later ITs.
   */
  @Override
  public void close() {
    stopOperator();
    for (String namespace : namespaces) {
      client.namespaces().withName(namespace).delete();
    }
  }

  /** Lists what the operator manages, by label, on any cluster. */
  public static final class Inventory {

    private final KubernetesClient client;

    /** An inventory through {@code client}. */
    public Inventory(KubernetesClient client) {
      this.client = client;
    }

    /**
     * Every object the operator manages for {@code library}, keyed "Kind/name" → resourceVersion.
     */
    public Map<String, String> managedResourceVersions(String namespace, String library) {
      return LabelledObjects.resourceVersions(
          LabelledObjects.list(client, namespace, selector(library)));
    }

    static String selector(String library) {
      return LibraryNaming.MANAGED_SELECTOR + "," + LibraryNaming.INSTANCE_LABEL + "=" + library;
    }
  }
}
