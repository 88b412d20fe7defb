package io.legerible.testkit.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A kwok cluster on kwokctl's binary runtime: real etcd, kube-apiserver, kube-controller-manager
 * and kube-scheduler with simulated nodes whose pods become Running and Ready, and a default
 * storage class that provisions a hostPath PersistentVolume for every claim. Containers never run.
 * All state lives in a temporary directory; the user's ~/.kube and ~/.kwok are never touched.
 */
public final class SimulatedCluster implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SimulatedCluster.class.getName());
  private static final int DEFAULT_NODES = 2;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration KUBECTL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration HELM_TIMEOUT = Duration.ofMinutes(5);
  // Paths kube-controller-manager's hostPath provisioner creates; only these are cleaned up.
  private static final String HOSTPATH_PV_PREFIX = "/tmp/hostpath_pv/";
  private static final int LOG_TAIL_LINES = 10;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  // Cluster names carry the owning JVM's pid, so processes left by a killed JVM can be found.
  private static final String NAME_PREFIX = "legerible-";
  private static final Pattern ORPHAN =
      Pattern.compile("/kwok/clusters/" + NAME_PREFIX + "(\\d+)-\\d+/");

  private static SimulatedCluster shared;

  private final String name;
  private final Path directory;
  private final Path kubeconfig;
  private final Path logs;
  private final Path bin;
  private final ClusterCommand commands;
  private Duration startupTime = Duration.ZERO;
  private int nodes;
  private boolean closed;

  private SimulatedCluster(String name, Path directory, Path bin) {
    this.name = name;
    this.directory = directory;
    this.bin = bin;
    this.kubeconfig = directory.resolve("kubeconfig");
    Path workdir = directory.resolve("kwok");
    this.logs = workdir.resolve("clusters").resolve(name).resolve("logs");
    Map<String, String> env = new HashMap<>();
    // kubectl, helm and kwokctl keep caches and configuration under HOME: give them our own.
    env.put("HOME", directory.resolve("home").toString());
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("KWOK_WORKDIR", workdir.toString());
    env.put("PATH", bin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
    env.put("HELM_CACHE_HOME", directory.resolve("helm/cache").toString());
    env.put("HELM_CONFIG_HOME", directory.resolve("helm/config").toString());
    env.put("HELM_DATA_HOME", directory.resolve("helm/data").toString());
    this.commands = new ClusterCommand(env);
  }

  /** The cluster of this JVM (two nodes), started on first use and deleted when the JVM exits. */
  public static synchronized SimulatedCluster shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /**
   * Starts a fresh cluster with two nodes; the caller closes it (a shutdown hook does otherwise).
   */
  public static SimulatedCluster startNew() {
    Path bin = KubernetesBinaries.binDirectory();
    KubernetesBinaries.requireIn(
        bin,
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
        "kubectl",
        "kwok",
        "kwokctl",
        "helm");
    Path config = requireFile(ProjectLayout.devPath("kwok/kwokctl.yaml"));
    Path storageClass = requireFile(ProjectLayout.devPath("kwok/storage-class.yaml"));
    stopOrphans();
    String name = NAME_PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    SimulatedCluster cluster = new SimulatedCluster(name, ScratchDirectories.create("kwok-"), bin);
    ShutdownHooks.register(cluster);
    long start = System.nanoTime();
    try {
      cluster.create(config);
      cluster.addNodes(DEFAULT_NODES);
      cluster.kubectl("apply", "-f", storageClass.toString());
      // Pods are rejected until the service account controller made the default account.
      cluster.kubectl(
          "wait", "--for=create", "serviceaccount/default", "--namespace=default", "--timeout=60s");
    } catch (RuntimeException e) {
      // The logs go with the temporary directory: keep their last lines in the message.
      String logTails = cluster.logTails();
      try {
        cluster.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new IllegalStateException(
          "The simulated Kubernetes cluster did not start: "
              + e.getMessage()
              + System.lineSeparator()
              + logTails
              + "If a binary is damaged, rebuild it with "
              + KubernetesBinaries.SETUP_COMMAND,
          e);
    }
    cluster.startupTime = Duration.ofNanos(System.nanoTime() - start);
    LOG.log(
        System.Logger.Level.INFO,
        "Simulated cluster {0} ({1} nodes) ready in {2} ms, logs in {3}",
        name,
        cluster.nodes,
        cluster.startupTime.toMillis(),
        cluster.logs);
    return cluster;
  }

  private void create(Path config) {
    List<String> command =
        List.of(
            bin.resolve("kwokctl").toString(),
            "create",
            "cluster",
            "--name",
            name,
            "--config",
            config.toString(),
            "--runtime",
            "binary",
            "--kubeconfig",
            kubeconfig.toString(),
            "--etcd-binary",
            bin.resolve("etcd").toString(),
            "--kube-apiserver-binary",
            bin.resolve("kube-apiserver").toString(),
            "--kube-controller-manager-binary",
            bin.resolve("kube-controller-manager").toString(),
            "--kube-scheduler-binary",
            bin.resolve("kube-scheduler").toString(),
            "--kwok-controller-binary",
            bin.resolve("kwok").toString(),
            "--wait",
            "120s");
    // kwokctl picks "unused" ports by probing them, so two clusters created at the same moment (by
    // two test JVMs) could pick the same ones: creation is serialised across processes.
    Path lockFile = bin.getParent().resolve("kwokctl-create.lock");
    synchronized (SimulatedCluster.class) {
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        commands.run(START_TIMEOUT, null, command);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot lock " + lockFile, e);
      }
    }
  }

  /** The kubeconfig file of this cluster (admin credentials, current context set). */
  public Path kubeconfigPath() {
    return kubeconfig;
  }

  /** The kubeconfig (YAML) of this cluster. */
  public String kubeconfig() {
    try {
      return Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + kubeconfig, e);
    }
  }

  /** A new client with admin rights; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig())).build();
  }

  /** Runs kubectl against this cluster and returns its stdout; throws with stderr on failure. */
  public String kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  /**
   * Runs kubectl with {@code input} on stdin, e.g. {@code kubectlWithInput(yaml, "apply", "-f",
   * "-")}.
   */
  public String kubectlWithInput(String input, String... args) {
    return commands.run(KUBECTL_TIMEOUT, input, command("kubectl", args));
  }

  /**
   * Runs helm (4.x) against this cluster, with its cache, configuration and data in the cluster's
   * temporary directory; returns stdout, throws with stderr on failure.
   */
  public String helm(String... args) {
    return commands.run(HELM_TIMEOUT, null, command("helm", args));
  }

  /** Adds {@code count} simulated nodes (32 CPUs, 256 GiB, 110 pods each) and waits for them. */
  public synchronized void addNodes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, was " + count);
    }
    int total = nodes + count;
    commands.run(
        KUBECTL_TIMEOUT,
        null,
        List.of(
            bin.resolve("kwokctl").toString(),
            "scale",
            "node",
            "--name",
            name,
            "--replicas",
            Integer.toString(total)));
    nodes = total;
    kubectl("wait", "--for=condition=Ready", "nodes", "--all", "--timeout=60s");
  }

  /** How many simulated nodes the cluster has. */
  public synchronized int nodeCount() {
    return nodes;
  }

  /** The directory holding etcd, kube-apiserver, controller manager, scheduler and kwok logs. */
  public Path logsDirectory() {
    return logs;
  }

  /** How long creating the cluster, its nodes and its storage class took. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Deletes the cluster: stops its processes, removes its volumes and its temporary directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ShutdownHooks.unregister(this);
    List<RuntimeException> failures = new ArrayList<>();
    List<Path> volumes = List.of();
    if (Files.exists(kubeconfig)) {
      try {
        volumes = provisionedVolumePaths();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      commands.run(
          KUBECTL_TIMEOUT,
          null,
          List.of(bin.resolve("kwokctl").toString(), "delete", "cluster", "--name", name));
    } catch (RuntimeException e) {
      failures.add(e);
    }
    for (Path volume : volumes) {
      try {
        ScratchDirectories.delete(volume);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    try {
      ScratchDirectories.delete(directory);
    } catch (RuntimeException e) {
      failures.add(e);
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure =
          new IllegalStateException("Could not delete simulated cluster " + name + " cleanly");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "SimulatedCluster[" + name + ", " + directory + "]";
  }

  /** The last lines of each component's log, for error messages. */
  String logTails() {
    return ComponentLogs.tails(logs, LOG_TAIL_LINES);
  }

  /** Stops the processes of this class's servers whose JVM was killed before it stopped them. */
  static void stopOrphans() {
    OrphanedProcesses.stop(ORPHAN);
  }

  private List<Path> provisionedVolumePaths() {
    String paths =
        kubectl(
            "get",
            "persistentvolumes",
            "-o",
            "jsonpath={range .items[*]}{.spec.hostPath.path}{\"\\n\"}{end}");
    return paths
        .lines()
        .filter(p -> p.startsWith(HOSTPATH_PV_PREFIX) && !p.contains(".."))
        .map(Path::of)
        .collect(Collectors.toList());
  }

  private List<String> command(String binary, String... args) {
    return Stream.concat(Stream.of(bin.resolve(binary).toString()), Arrays.stream(args))
        .collect(Collectors.toList());
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing: the simulated cluster's configuration lives in dev/kwok/");
    }
    return file;
  }
}
