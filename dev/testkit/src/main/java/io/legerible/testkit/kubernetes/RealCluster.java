package io.legerible.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.legerible.testkit.ExternalCommand;
import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ShutdownHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real single-node Kubernetes started by {@code dev/real-node/up}: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, containerd with runc, the kubelet, kube-proxy, CoreDNS
 * and a default storage class whose claims become host directories, in a network namespace of its
 * own. Containers really run, from the images {@code dev/setup-images} builds (no registry). One
 * such node runs on a machine at a time; it stops when this JVM ends, even when it is killed.
 */
public final class RealCluster implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RealCluster.class.getName());
  // A cold start imports every image into containerd once; later starts import nothing.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration KUBECTL_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration HELM_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PORT_FORWARD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);
  private static final int MISSING_DEPENDENCY_STATUS = 3;
  private static final int LOG_TAIL_LINES = 15;
  static final String SETUP_COMMAND = "dev/setup";

  private static RealCluster shared;

  private final Path directory;
  private final Path kubeconfig;
  private final ClusterCommand commands;
  private final Path bin;
  private Duration startupTime = Duration.ZERO;
  private boolean closed;

  private RealCluster(Path directory, Path bin) {
    this.directory = directory;
    this.bin = bin;
    this.kubeconfig = directory.resolve("kubeconfig");
    Map<String, String> env = new HashMap<>();
    // kubectl and helm keep caches and configuration under HOME: give them the node's own.
    env.put("HOME", directory.resolve("home").toString());
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("HELM_CACHE_HOME", directory.resolve("helm/cache").toString());
    env.put("HELM_CONFIG_HOME", directory.resolve("helm/config").toString());
    env.put("HELM_DATA_HOME", directory.resolve("helm/data").toString());
    this.commands = new ClusterCommand(env);
  }

  /** The node of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized RealCluster shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** Starts the node; the caller closes it (a shutdown hook does otherwise). */
  public static RealCluster startNew() {
    Path bin = KubernetesBinaries.binDirectory();
    KubernetesBinaries.requireIn(bin, "kubectl", "helm");
    RealCluster cluster =
        new RealCluster(ScratchDirectories.createForSockets("legerible-node-"), bin);
    ShutdownHooks.register(cluster);
    long start = System.nanoTime();
    ExternalCommand.Result up =
        ExternalCommand.run(
            START_TIMEOUT,
            List.of(
                script("up").toString(),
                "--dir",
                cluster.directory.toString(),
                "--owner-pid",
                Long.toString(ProcessHandle.current().pid())));
    if (up.exitCode() == MISSING_DEPENDENCY_STATUS) {
      cluster.closeQuietly();
      throw new MissingDependencyException(
          "The real Kubernetes node cannot start: "
              + missingLines(up.output())
              + " (or run "
              + SETUP_COMMAND
              + " for everything)");
    }
    if (!up.succeeded()) {
      // up leaves the logs behind when it fails; keep their tails in the message.
      String logTails = cluster.logTails();
      cluster.closeQuietly();
      throw new IllegalStateException(
          "The real Kubernetes node did not start:"
              + System.lineSeparator()
              + up.output()
              + logTails);
    }
    cluster.startupTime = Duration.ofNanos(System.nanoTime() - start);
    LOG.log(
        System.Logger.Level.INFO,
        "Real node ready in {0} ms, logs in {1}",
        cluster.startupTime.toMillis(),
        cluster.logsDirectory());
    return cluster;
  }

  /** The kubeconfig file of this cluster (admin credentials, current context set). */
  public Path kubeconfigPath() {
    return kubeconfig;
  }

  /**
   * This machine's address on the link to the node (dev/real-node/lib.sh {@code HOST_IP}): pods
   * reach a server of the tests' that listens there, e.g. an object store.
   */
  public String hostAddress() {
    Path lib = ProjectLayout.devPath("real-node/lib.sh");
    try (Stream<String> lines = Files.lines(lib)) {
      return lines
          .filter(line -> line.startsWith("HOST_IP="))
          .map(line -> line.substring("HOST_IP=".length()).strip())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(lib + " sets no HOST_IP"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + lib, e);
    }
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
   * Runs kubectl allowing it {@code timeout} (e.g. a long {@code kubectl wait}); returns stdout.
   */
  public String kubectlWithin(Duration timeout, String... args) {
    return commands.run(timeout, null, command("kubectl", args));
  }

  /** Runs kubectl with {@code input} on stdin, e.g. {@code ("apply", "-f", "-")}. */
  public String kubectlWithInput(String input, String... args) {
    return commands.run(KUBECTL_TIMEOUT, input, command("kubectl", args));
  }

  /**
   * Starts {@code kubectl port-forward} to {@code target} (e.g. {@code service/web}) in {@code
   * namespace}, from a free local port to {@code remotePort}; the caller closes it.
   */
  public PortForward portForward(String namespace, String target, int remotePort) {
    return PortForward.start(
        command(
            "kubectl",
            "port-forward",
            "--namespace",
            namespace,
            "--address",
            "127.0.0.1",
            target,
            ":" + remotePort),
        commands.environment(),
        PORT_FORWARD_TIMEOUT);
  }

  /**
   * Runs {@code command} in a pod of its own from {@code image} until it ends, as {@code kubectl
   * run --restart=Never} does; {@code environment} entries are {@code NAME=value}.
   */
  public FinishedPod runToCompletion(
      String namespace, String image, List<String> environment, String... command) {
    String name = "run-" + Long.toHexString(System.nanoTime());
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                name,
                "--namespace",
                namespace,
                "--image=" + image,
                "--image-pull-policy=IfNotPresent",
                "--restart=Never"));
    environment.forEach(variable -> args.add("--env=" + variable));
    args.add("--command");
    args.add("--");
    args.addAll(List.of(command));
    kubectl(args.toArray(String[]::new));
    try (KubernetesClient client = newClient()) {
      Pod pod =
          client
              .pods()
              .inNamespace(namespace)
              .withName(name)
              .waitUntilCondition(
                  p ->
                      p != null
                          && ("Succeeded".equals(p.getStatus().getPhase())
                              || "Failed".equals(p.getStatus().getPhase())),
                  RUN_TIMEOUT.toSeconds(),
                  TimeUnit.SECONDS);
      return new FinishedPod(
          name,
          "Succeeded".equals(pod.getStatus().getPhase()),
          kubectl("logs", name, "--namespace", namespace));
    }
  }

  /** A pod that ran to its end: whether its command succeeded, and what it printed. */
  public record FinishedPod(String name, boolean succeeded, String logs) {}

  /** Runs helm (4.x) against this cluster; returns stdout, throws with stderr on failure. */
  public String helm(String... args) {
    return commands.run(HELM_TIMEOUT, null, command("helm", args));
  }

  /**
   * Imports docker-archive image tars (e.g. jib's {@code target/jib-image.tar}) into the node's
   * containerd; a tar imported before is skipped. Pods then run them with {@code IfNotPresent}.
   */
  public void importImages(Path... tars) {
    List<String> command = new ArrayList<>(List.of(script("import").toString()));
    for (Path tar : tars) {
      if (!Files.isRegularFile(tar)) {
        throw new MissingDependencyException(
            "The image " + tar + " is not built", "dev/test (it builds the images with Maven)");
      }
      command.add(tar.toAbsolutePath().toString());
    }
    ExternalCommand.run(IMPORT_TIMEOUT, command).orThrow();
  }

  /** The directory holding every component's log (kubelet.log, containerd.log, ...). */
  public Path logsDirectory() {
    return directory.resolve("logs");
  }

  /** How long starting the node took, until it was Ready with DNS and storage. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The last lines of each component's log, to put in a failing test's message. */
  public String logTails() {
    return ComponentLogs.tails(logsDirectory(), LOG_TAIL_LINES);
  }

  /** Stops the node and undoes its network, mounts and directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ShutdownHooks.unregister(this);
    ExternalCommand.run(
            STOP_TIMEOUT, List.of(script("down").toString(), "--dir", directory.toString()))
        .orThrow();
  }

  /** Closes after a failed start: what made the start fail is the news, not a failed clean-up. */
  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cleaning up the failed real node: {0}", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "RealCluster[" + directory + "]";
  }

  private List<String> command(String binary, String... args) {
    return Stream.concat(Stream.of(bin.resolve(binary).toString()), Arrays.stream(args))
        .collect(Collectors.toList());
  }

  private static Path script(String name) {
    Path script = ProjectLayout.devPath("real-node/" + name);
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(script + " is missing: the real node's scripts live there");
    }
    return script;
  }

  private static String missingLines(String output) {
    return output
        .lines()
        .filter(line -> line.startsWith("MISSING: "))
        .map(line -> line.substring("MISSING: ".length()))
        .collect(Collectors.joining("; "));
  }
}
