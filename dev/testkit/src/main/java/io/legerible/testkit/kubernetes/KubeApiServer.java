package io.legerible.testkit.kubernetes;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real etcd and kube-apiserver (fabric8 kube-api-test in offline mode) without controllers: for
 * CRD schema, CEL, server-side apply and reconciler tests.
 */
public final class KubeApiServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(KubeApiServer.class.getName());

  // The work directory carries the owning JVM's pid, so servers left by a killed JVM can be found.
  private static final String DIRECTORY_PREFIX = "kube-api-server-";
  // etcd and kube-apiserver run through a link in that directory, so both carry the pid.
  private static final Pattern ORPHAN = Pattern.compile("/" + DIRECTORY_PREFIX + "(\\d+)-");

  private static KubeApiServer shared;

  private final KubeAPIServer server;
  private final Path workDirectory;
  private final Duration startupTime;
  private final String kubeconfig;
  private boolean stopped;

  private KubeApiServer(KubeAPIServer server, Path workDirectory, Duration startupTime) {
    this.server = server;
    this.workDirectory = workDirectory;
    this.startupTime = startupTime;
    this.kubeconfig = server.getKubeConfigYaml();
  }

  /** The API server of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized KubeApiServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** Starts a fresh etcd and API server; the caller closes it (a shutdown hook does otherwise). */
  public static KubeApiServer startNew() {
    Path binaries = KubernetesBinaries.kubeApiTestBinaries();
    KubernetesBinaries.requireIn(binaries, "kube-apiserver", "etcd", "kubectl");
    stopOrphans();
    Path workDirectory = createWorkDirectory(binaries);
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                // The environment-variable switch for offline mode fails with a ClassCastException.
                .withOfflineMode(true)
                .withApiServerVersion(KubernetesBinaries.KUBERNETES_VERSION)
                .withTestDir(workDirectory.toString())
                .withUpdateKubeConfig(false)
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .build());
    long start = System.nanoTime();
    try {
      server.start();
    } catch (RuntimeException e) {
      ScratchDirectories.delete(workDirectory);
      throw new IllegalStateException(
          "kube-apiserver "
              + KubernetesBinaries.KUBERNETES_VERSION
              + " from "
              + binaries
              + " did not start: "
              + e.getMessage()
              + " (rebuild the binaries with "
              + KubernetesBinaries.SETUP_COMMAND
              + ")",
          e);
    }
    KubeApiServer apiServer =
        new KubeApiServer(server, workDirectory, Duration.ofNanos(System.nanoTime() - start));
    ShutdownHooks.register(apiServer);
    LOG.log(
        System.Logger.Level.INFO,
        "kube-apiserver {0} ready in {1} ms",
        KubernetesBinaries.KUBERNETES_VERSION,
        apiServer.startupTime.toMillis());
    return apiServer;
  }

  /** A kubeconfig (YAML) with admin credentials for this API server. */
  public String kubeconfig() {
    return kubeconfig;
  }

  /** A new client with admin rights; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  /** How long etcd and the API server took to become ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops the API server and etcd and deletes their data. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    ShutdownHooks.unregister(this);
    try {
      server.stop();
    } finally {
      ScratchDirectories.delete(workDirectory);
    }
  }

  /** Stops the processes of this class's servers whose JVM was killed before it stopped them. */
  static void stopOrphans() {
    OrphanedProcesses.stop(ORPHAN);
  }

  /**
   * kube-api-test keeps certificates in its test directory: each server gets its own under
   * java.io.tmpdir, with a link to the installed binaries, so nothing is shared between JVMs.
   */
  private static Path createWorkDirectory(Path binaries) {
    Path directory =
        ScratchDirectories.create(DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-");
    try {
      Path link = directory.resolve("k8s").resolve(binaries.getFileName());
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, binaries.toRealPath());
      return directory;
    } catch (IOException e) {
      ScratchDirectories.delete(directory);
      throw new UncheckedIOException("Cannot prepare a directory for kube-apiserver", e);
    }
  }
}
