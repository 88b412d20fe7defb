package io.legerible.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.legerible.operator.config.OperatorSettings;
import io.legerible.operator.datapath.DataPathProbes;
import io.legerible.operator.metrics.LibraryMetrics;
import io.legerible.operator.reconciler.LegeribleLibraryReconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** Builds the JOSDK operator with the library controller registered; used by main and by tests. */
public final class LibraryOperator {

  private static final int RECONCILIATION_THREADS = 10;
  private static final int WORKFLOW_THREADS = 20;

  private LibraryOperator() {}

  /**
   * An operator on {@code client}, configured by {@code settings}, reporting to {@code registry}
   * (with per-library gauges when it is a Prometheus registry).
   */
  public static Operator create(
      KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
    Operator operator =
        new Operator(
            overrider -> {
              overrider
                  .withKubernetesClient(client)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withCloseClientOnStop(false)
                  // A reconciliation mostly waits on the API server, and the pod has a fraction
                  // of a CPU: JOSDK's 50 + 50 threads only add stacks and malloc arenas.
                  .withConcurrentReconciliationThreads(RECONCILIATION_THREADS)
                  .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS);
              if (settings.leaderElection()) {
                overrider.withLeaderElectionConfiguration(
                    settings.leaseNamespace() == null
                        ? new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME)
                        : new LeaderElectionConfiguration(
                            OperatorSettings.LEASE_NAME, settings.leaseNamespace()));
              }
            });
    LibraryMetrics libraryMetrics =
        registry instanceof PrometheusMeterRegistry prometheus
            ? LibraryMetrics.on(prometheus.getPrometheusRegistry())
            : LibraryMetrics.unregistered();
    operator.register(
        new LegeribleLibraryReconciler(
            Clock.systemUTC(),
            libraryMetrics,
            new DataPathProbes(client, Clock.systemUTC(), settings.dataPathInterval())),
        controller -> {
          if (settings.watchesAllNamespaces()) {
            controller.watchingAllNamespaces();
          } else {
            controller.settingNamespaces(settings.namespaces());
          }
        });
    return operator;
  }
}
