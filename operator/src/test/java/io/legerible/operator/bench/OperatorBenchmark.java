package io.legerible.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.operator.testing.RunningOperator;
import io.legerible.testkit.kubernetes.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operator on a simulated cluster, run as its own process (as in a pod): time from creating a
 * library to all its dependents existing, time for N libraries in N namespaces to become Ready, and
 * the operator's resident memory afterwards. Prints figures; never a gate.
 *
 * <p>Arguments: the operator's runtime classpath, then optionally the number of libraries.
 */
public final class OperatorBenchmark {

  private static final int DEPENDENTS_OF_MINIMAL = 21;

  // Two Secrets, four Services, three StatefulSets, the memcached Deployment, the platform
  // ConfigMap: what the first reconciliation creates before anything can be ready.
  private static final int BACKING_TIER = 11;

  private OperatorBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    String classpath = args[0];
    int libraries = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    SimulatedCluster cluster = SimulatedCluster.startNew();
    try (KubernetesClient client = cluster.newClient()) {
      // Each minimal library asks for about 2.5 CPUs and 10 pods: one node per 10 libraries.
      cluster.addNodes(Math.max(0, libraries / 10 + 1 - cluster.nodeCount()));
      RunningOperator.installCrd(client);
      Process operator = startOperator(classpath, cluster.kubeconfigPath());
      try {
        run(client, operator, libraries);
      } finally {
        operator.destroy();
        operator.waitFor();
      }
    } finally {
      cluster.close();
    }
  }

  private static void run(KubernetesClient client, Process operator, int libraries)
      throws Exception {
    // Warm-up library: the operator's informers and JIT get going, as in a running operator.
    String warm = createNamespaced(client, "warmup");
    awaitReady(client, List.of(warm), Duration.ofMinutes(3));

    String first = createNamespaced(client, "first");
    long start = System.nanoTime();
    while (count(client, first) < BACKING_TIER) {
      Thread.sleep(20);
      if (System.nanoTime() - start > Duration.ofMinutes(3).toNanos()) {
        throw new IllegalStateException(
            "the backing services' objects did not appear in 3 minutes");
      }
    }
    double backingTier = (System.nanoTime() - start) / 1e9;
    while (count(client, first) < DEPENDENTS_OF_MINIMAL) {
      Thread.sleep(20);
      if (System.nanoTime() - start > Duration.ofMinutes(3).toNanos()) {
        throw new IllegalStateException("dependents did not all appear in 3 minutes");
      }
    }
    double allDependents = (System.nanoTime() - start) / 1e9;
    awaitReady(client, List.of(first), Duration.ofMinutes(3));

    // Created from a few threads at once, as many users would: a loaded API server takes about a
    // second per namespace-and-library pair, which would otherwise dominate the figure.
    long batchStart = System.nanoTime();
    List<String> namespaces;
    ExecutorService creators = Executors.newFixedThreadPool(10);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < libraries; i++) {
        String prefix = "bench" + i;
        created.add(creators.submit(() -> createNamespaced(client, prefix)));
      }
      namespaces = new ArrayList<>();
      for (Future<String> namespace : created) {
        namespaces.add(namespace.get());
      }
    } finally {
      creators.shutdown();
    }
    double allCreated = (System.nanoTime() - batchStart) / 1e9;
    List<Double> readyAfter =
        awaitReady(client, namespaces, Duration.ofMinutes(10)).stream()
            .map(nanos -> (nanos - batchStart) / 1e9)
            .sorted()
            .toList();
    double allReady = readyAfter.get(readyAfter.size() - 1);

    System.out.printf(
        Locale.ROOT,
        "%ncreate -> the %d objects of the first tier exist: %.2f s%n",
        BACKING_TIER,
        backingTier);
    System.out.printf(
        Locale.ROOT,
        "create -> all %d dependents exist (after Ready gates): %.2f s%n",
        DEPENDENTS_OF_MINIMAL,
        allDependents);
    System.out.printf(
        Locale.ROOT,
        "%d libraries in %d namespaces -> all Ready: %.1f s (created in %.1f s; first Ready at"
            + " %.1f s, half at %.1f s)%n",
        libraries,
        libraries,
        allReady,
        allCreated,
        readyAfter.get(0),
        readyAfter.get(readyAfter.size() / 2));
    System.out.printf(
        Locale.ROOT,
        "operator RSS after that: %d MiB; CPU used since start: %.1f s%n",
        residentMebibytes(operator.pid()),
        cpuSeconds(operator.pid()));
  }

  private static Process startOperator(String classpath, Path kubeconfig) throws IOException {
    Path log = Files.createTempFile("legerible-operator-bench", ".log");
    System.out.println("operator log: " + log);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss256k",
                "-XX:ReservedCodeCacheSize=24m",
                "-cp",
                classpath,
                "io.legerible.operator.LegeribleOperator")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("LEGERIBLE_LEADER_ELECTION", "false");
    builder.environment().put("LEGERIBLE_OPERATOR_HTTP_PORT", "0");
    return builder.start();
  }

  private static String createNamespaced(KubernetesClient client, String prefix) {
    String namespace = prefix + "-" + Long.toHexString(System.nanoTime()).substring(8);
    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build())
        .create();
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
    return namespace;
  }

  private static int count(KubernetesClient client, String namespace) {
    return new RunningOperator.Inventory(client).managedResourceVersions(namespace, "city").size();
  }

  /** Waits until each library is Ready; returns the System.nanoTime() each was first seen so. */
  private static List<Long> awaitReady(
      KubernetesClient client, List<String> namespaces, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> waiting = new ArrayList<>(namespaces);
    List<Long> readyAt = new ArrayList<>();
    while (!waiting.isEmpty()) {
      long now = System.nanoTime();
      // One list per round: polling each library on its own would slow the poll itself.
      var ready =
          client.resources(LegeribleLibrary.class).inAnyNamespace().list().getItems().stream()
              .filter(
                  l ->
                      l.getStatus() != null
                          && Conditions.isTrue(l.getStatus().conditions, ConditionTypes.READY))
              .map(l -> l.getMetadata().getNamespace())
              .collect(java.util.stream.Collectors.toSet());
      waiting.removeIf(
          ns -> {
            if (ready.contains(ns)) {
              readyAt.add(now);
              return true;
            }
            return false;
          });
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting.size() + " libraries not Ready within " + within);
      }
      Thread.sleep(200);
    }
    return readyAt;
  }

  /** User plus system CPU time of the process, from /proc/PID/stat (in clock ticks of 1/100 s). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private static long residentMebibytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }
}
