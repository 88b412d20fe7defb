package io.legerible.operator.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.operator.testing.RunningOperator;
import io.legerible.testkit.kubernetes.KubeApiServer;
import io.legerible.testkit.kubernetes.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operator in its own JVM (as in its pod), first with one library alone and then with N at once
 * in the same run, so every figure has a reference beside it: creation on the API server alone and
 * on a simulated cluster, N libraries to Ready, the operator's CPU, memory and API writes. Prints a
 * report; never a gate.
 *
 * <p>Arguments: the operator's runtime classpath, then optionally the number of libraries.
 */
public final class OperatorBenchmark {

  // Two Secrets, four Services, three StatefulSets, the memcached Deployment, the platform
  // ConfigMap: what the first reconciliation creates before anything can be ready, and all the
  // operator creates where no controller makes a workload ready.
  private static final int FIRST_TIER = 11;
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  // Long enough for a status that keeps changing, or a dependent rewritten on every event, to show.
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final List<String> lines = new ArrayList<>();

  private OperatorBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    String classpath = args[0];
    int libraries = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    OperatorBenchmark benchmark = new OperatorBenchmark();
    benchmark.apiServerAlone(classpath, libraries);
    benchmark.simulatedCluster(classpath, libraries);
    System.out.printf(
        Locale.ROOT,
        "%n=== Operator benchmark: %d libraries beside one alone; load average %s; %s%n",
        libraries,
        loadAverage(),
        String.join(" ", OperatorJvm.options()));
    benchmark.lines.forEach(System.out::println);
  }

  private void apiServerAlone(String classpath, int libraries) throws Exception {
    try (KubeApiServer server = KubeApiServer.startNew()) {
      Path kubeconfig = Files.createTempFile("legerible-bench-kubeconfig", ".yaml");
      Files.writeString(kubeconfig, server.kubeconfig());
      try (KubernetesClient client = client(server.kubeconfig())) {
        // The operator stops when the CRD it watches does not exist yet.
        RunningOperator.installCrd(client);
        timeApiServerAlone(client, classpath, kubeconfig, libraries);
      } finally {
        Files.deleteIfExists(kubeconfig);
      }
    }
  }

  private void timeApiServerAlone(
      KubernetesClient client, String classpath, Path kubeconfig, int libraries) throws Exception {
    try (OperatorProcess operator =
            OperatorProcess.start(classpath, OperatorJvm.options(), kubeconfig);
        ObjectTimeline timeline = new ObjectTimeline(client)) {
      System.out.println("operator log (API server alone): " + operator.log());
      // Warm-up library: the operator's informers and JIT get going, as in a running operator.
      String warm = createNamespace(client, "warmup");
      createLibrary(client, warm);
      timeline.awaitCount(List.of(warm), FIRST_TIER, PATIENCE, operator);

      String alone = createNamespace(client, "alone");
      long start = System.nanoTime();
      createLibrary(client, alone);
      double aloneTier =
          (timeline.awaitCount(List.of(alone), FIRST_TIER, PATIENCE, operator) - start) / 1e9;
      long batchStart = System.nanoTime();
      List<String> namespaces = createConcurrently(client, libraries);
      double batchTier =
          (timeline.awaitCount(namespaces, FIRST_TIER, PATIENCE, operator) - batchStart) / 1e9;
      operator.requireAlive();
      report(
          "API server alone: create -> the %d objects made without waiting for readiness: one"
              + " library alone %.2f s; %d libraries at once %.2f s = %.3f s per library = x%.2f"
              + " one library alone",
          FIRST_TIER,
          aloneTier,
          libraries,
          batchTier,
          batchTier / libraries,
          batchTier / libraries / aloneTier);
    }
  }

  private void simulatedCluster(String classpath, int libraries) throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.startNew();
        KubernetesClient client = client(cluster.kubeconfig())) {
      // Each minimal library asks for about 2.5 CPUs and 10 pods: one node per 10 libraries.
      cluster.addNodes(Math.max(1, libraries / 10 + 1 - cluster.nodeCount()));
      RunningOperator.installCrd(client);
      try (OperatorProcess operator =
              OperatorProcess.start(classpath, OperatorJvm.options(), cluster.kubeconfigPath());
          ReadyLibraries ready = new ReadyLibraries(client);
          ObjectTimeline timeline = new ObjectTimeline(client);
          ClaimsBound claims = new ClaimsBound(client)) {
        System.out.println("operator log: " + operator.log());
        String warm = createNamespace(client, "warmup");
        createLibrary(client, warm);
        ready.await(List.of(warm), PATIENCE, operator);

        // One library alone: the reference of every figure below.
        double cpuBefore = operator.cpuSeconds();
        long rssBefore = operator.residentMebibytes();
        String alone = createNamespace(client, "alone");
        long start = System.nanoTime();
        createLibrary(client, alone);
        long firstTier = timeline.awaitCount(List.of(alone), FIRST_TIER, PATIENCE, operator);
        ready.await(List.of(alone), PATIENCE, operator);
        int dependents = timeline.count(alone);
        long allDependents = timeline.lastAppearance(alone);
        double aloneReady = (ready.at(alone) - start) / 1e9;
        Instant aloneReadyAt = ready.instant(alone);
        Thread.sleep(SETTLE.toMillis());
        double aloneCpu = operator.cpuSeconds() - cpuBefore;
        long aloneRss = operator.residentMebibytes();

        // N at once, created from a few threads, as many users would.
        long batchStart = System.nanoTime();
        List<String> namespaces = createConcurrently(client, libraries);
        double created = (System.nanoTime() - batchStart) / 1e9;
        double batchTier =
            (timeline.awaitCount(namespaces, FIRST_TIER, PATIENCE, operator) - batchStart) / 1e9;
        ready.await(namespaces, Duration.ofMinutes(10), operator);
        List<Double> readyAfter =
            namespaces.stream().map(ns -> (ready.at(ns) - batchStart) / 1e9).sorted().toList();
        double allReady = readyAfter.get(readyAfter.size() - 1);
        Instant allReadyAt = Instant.now();
        List<Double> boundAfter =
            namespaces.stream()
                .map(ns -> (claims.lastBound(ns) - batchStart) / 1e9)
                .sorted()
                .toList();
        double batchCpu = operator.cpuSeconds() - cpuBefore - aloneCpu;
        long batchRss = operator.residentMebibytes();
        Thread.sleep(SETTLE.toMillis());
        operator.requireAlive();

        report(
            "Simulated cluster: create -> the first tier (%d objects): one library alone %.2f s;"
                + " %d libraries at once %.2f s (all created after %.1f s)",
            FIRST_TIER, (firstTier - start) / 1e9, libraries, batchTier, created);
        report(
            "Simulated cluster: create -> all %d dependents (after their readiness gates), one"
                + " library alone: %.2f s",
            dependents, (allDependents - start) / 1e9);
        report(
            "Simulated cluster: %d libraries -> Ready: median %.1f s, slowest %.1f s; one library"
                + " alone %.1f s; %.2f s per library = x%.2f one library alone",
            libraries,
            median(readyAfter),
            allReady,
            aloneReady,
            allReady / libraries,
            allReady / libraries / aloneReady);
        report(
            "Simulated cluster: %d libraries -> the controllers bound each one's last volume"
                + " claim: median %.1f s, slowest %.1f s; one library alone %.1f s",
            libraries,
            median(boundAfter),
            boundAfter.get(boundAfter.size() - 1),
            (claims.lastBound(alone) - start) / 1e9);
        report(
            "Operator CPU: one library alone %.1f s; %d libraries %.1f s = %.2f s per library ="
                + " x%.2f one library alone",
            aloneCpu, libraries, batchCpu, batchCpu / libraries, batchCpu / libraries / aloneCpu);
        report(
            "Operator RSS after %d libraries: %d MiB (before the one alone %d MiB, after it %d MiB;"
                + " %+.1f MiB per library, one alone %+d MiB)",
            libraries,
            batchRss,
            rssBefore,
            aloneRss,
            (batchRss - aloneRss) / (double) libraries,
            aloneRss - rssBefore);
        writes(cluster, ready, alone, aloneReadyAt, namespaces, allReadyAt);
      }
    }
  }

  private void writes(
      SimulatedCluster cluster,
      ReadyLibraries ready,
      String alone,
      Instant aloneReadyAt,
      List<String> namespaces,
      Instant allReadyAt) {
    Path log = cluster.logsDirectory().resolve("audit.log");
    AuditedWrites audited = AuditedWrites.read(log);
    if (audited == null) {
      report("Operator API writes: not counted, no audit log at %s", log);
      return;
    }
    AuditedWrites.Tally aloneWrites = audited.in(List.of(alone), at -> !at.isAfter(aloneReadyAt));
    AuditedWrites.Tally batchWrites =
        new AuditedWrites.Tally(
            namespaces.stream()
                .flatMap(
                    ns ->
                        audited
                            .in(List.of(ns), at -> !at.isAfter(ready.instant(ns)))
                            .writes()
                            .stream())
                .toList(),
            namespaces.size());
    report(
        "Operator API writes per library until Ready: one alone %s; %d libraries %s = x%.2f",
        aloneWrites.describe(),
        namespaces.size(),
        batchWrites.describe(),
        batchWrites.perLibrary() / aloneWrites.perLibrary());
    AuditedWrites.Tally aloneAfter =
        audited.in(
            List.of(alone),
            at -> at.isAfter(aloneReadyAt) && !at.isAfter(aloneReadyAt.plus(SETTLE)));
    AuditedWrites.Tally batchAfter =
        audited.in(
            namespaces, at -> at.isAfter(allReadyAt) && !at.isAfter(allReadyAt.plus(SETTLE)));
    report(
        "Operator API writes per library in the %d s after Ready: one alone %s; %d libraries %s",
        SETTLE.toSeconds(), aloneAfter.describe(), namespaces.size(), batchAfter.describe());
  }

  private static List<String> createConcurrently(KubernetesClient client, int libraries)
      throws Exception {
    ExecutorService creators = Executors.newFixedThreadPool(10);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < libraries; i++) {
        String prefix = "bench" + i;
        created.add(
            creators.submit(
                () -> {
                  String namespace = createNamespace(client, prefix);
                  createLibrary(client, namespace);
                  return namespace;
                }));
      }
      List<String> namespaces = new ArrayList<>();
      for (Future<String> namespace : created) {
        namespaces.add(namespace.get());
      }
      return namespaces;
    } finally {
      creators.shutdown();
    }
  }

  private void report(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
  }

  private static KubernetesClient client(String kubeconfig) {
    Config config = Config.fromKubeconfig(kubeconfig);
    // Tells the benchmark's own writes apart from the operator's in the audit log.
    config.setUserAgent(AuditedWrites.BENCHMARK_AGENT);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String createNamespace(KubernetesClient client, String prefix) {
    String namespace = prefix + "-" + Long.toHexString(System.nanoTime()).substring(8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    return namespace;
  }

  private static void createLibrary(KubernetesClient client, String namespace) {
    client.resource(RunningOperator.example("minimal.yaml", namespace)).create();
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0]
        + " "
        + fields[1]
        + " "
        + fields[2]
        + " on "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs";
  }

  /** When each library was first seen Ready, through one watch on all of them. */
  private static final class ReadyLibraries implements AutoCloseable {

    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> readyInstant = new ConcurrentHashMap<>();
    private final AutoCloseable informer;

    ReadyLibraries(KubernetesClient client) {
      informer =
          client
              .resources(LegeribleLibrary.class)
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(LegeribleLibrary library) {
                      record(library);
                    }

                    @Override
                    public void onUpdate(LegeribleLibrary before, LegeribleLibrary after) {
                      record(after);
                    }

                    @Override
                    public void onDelete(LegeribleLibrary library, boolean unknown) {}
                  });
    }

    private void record(LegeribleLibrary library) {
      if (library.getStatus() != null
          && Conditions.isTrue(library.getStatus().conditions, ConditionTypes.READY)) {
        long now = System.nanoTime();
        readyInstant.putIfAbsent(library.getMetadata().getNamespace(), Instant.now());
        readyAt.putIfAbsent(library.getMetadata().getNamespace(), now);
      }
    }

    void await(List<String> namespaces, Duration within, OperatorProcess operator)
        throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (!readyAt.keySet().containsAll(namespaces)) {
        operator.requireAlive();
        if (System.nanoTime() > deadline) {
          long waiting = namespaces.stream().filter(ns -> !readyAt.containsKey(ns)).count();
          throw new IllegalStateException(waiting + " libraries not Ready within " + within);
        }
        Thread.sleep(20);
      }
    }

    long at(String namespace) {
      return readyAt.get(namespace);
    }

    Instant instant(String namespace) {
      return readyInstant.get(namespace);
    }

    @Override
    public void close() throws Exception {
      informer.close();
    }
  }
}
