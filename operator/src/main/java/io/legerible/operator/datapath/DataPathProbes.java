package io.legerible.operator.datapath;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.DataPathReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every library's data path end to end: on an interval, a probe event enters Kafka like a
 * loan, and the operator reads it back from PostgreSQL and Cassandra once the ranking stream wrote
 * it. Probes go every third of the interval and fail the path when they are not back two thirds of
 * it after being sent, so a break is reported within one interval. The verdicts are secondary
 * resources of the libraries: a changed verdict triggers a reconciliation.
 */
public final class DataPathProbes {

  private static final Logger LOG = LoggerFactory.getLogger(DataPathProbes.class);

  /** Why no library is probed when the interval is zero. */
  private static final String OFF =
      "This operator does not probe the data path (its data-path interval is 0)";

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration interval;
  private final Map<ResourceID, LibraryProbe> probes = new ConcurrentHashMap<>();

  /**
   * Probes through {@code client}'s cluster every {@code interval}; a zero interval turns them off
   * (an operator outside the cluster's network cannot reach the services).
   */
  public DataPathProbes(KubernetesClient client, Clock clock, Duration interval) {
    this.client = client;
    this.clock = clock;
    this.interval = interval;
  }

  /** Whether probes are sent at all. */
  public boolean enabled() {
    return !interval.isZero();
  }

  /**
   * The probes' latest verdict on the library being reconciled: not checked when probes are off
   * (then no event source polls at all), else the newest one delivered, or null before any.
   */
  public DataPathReport verdict(Context<LegeribleLibrary> context) {
    if (!enabled()) {
      return DataPathReport.notChecked(OFF);
    }
    return context.getSecondaryResource(DataPathReport.class).orElse(null);
  }

  /** The event source delivering each library's verdicts; only when {@link #enabled()}. */
  public PerResourcePollingEventSource<DataPathReport, LegeribleLibrary, String> eventSource(
      EventSourceContext<LegeribleLibrary> context) {
    ScheduledExecutorService executor =
        Executors.newScheduledThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "data-path-probe");
              thread.setDaemon(true);
              return thread;
            });
    var configuration =
        new PerResourcePollingConfigurationBuilder<DataPathReport, LegeribleLibrary, String>(
                this::fetch, interval.dividedBy(3))
            .withName("data-path")
            .withExecutorService(executor)
            .withResourceIDMapper(report -> "data-path")
            .build();
    return new PerResourcePollingEventSource<>(DataPathReport.class, context, configuration) {
      @Override
      public void onResourceDeleted(LegeribleLibrary library) {
        super.onResourceDeleted(library);
        forget(ResourceID.fromResource(library));
      }

      @Override
      public void stop() {
        super.stop();
        executor.shutdownNow();
        probes.keySet().forEach(DataPathProbes.this::forget);
      }
    };
  }

  private Set<DataPathReport> fetch(LegeribleLibrary library) {
    ResourceID id = ResourceID.fromResource(library);
    String off = offReason(library);
    if (off != null) {
      forget(id);
      return Set.of(DataPathReport.notChecked(off));
    }
    LibraryProbe probe =
        probes.computeIfAbsent(
            id, key -> new LibraryProbe(clock, interval.multipliedBy(2).dividedBy(3)));
    try {
      return probe.step(() -> ProbeTarget.of(library, client)).map(Set::of).orElse(Set.of());
    } catch (RuntimeException e) {
      // Reading the library's Secrets failed: the API server's trouble is reported elsewhere.
      LOG.warn("Probing the data path of {} failed before a probe was sent", id, e);
      return Set.of();
    }
  }

  /** Why the library's path is not probed, or null when it is. */
  private String offReason(LegeribleLibrary library) {
    var spec = library.getSpec();
    if (Boolean.TRUE.equals(spec.paused)) {
      return "spec.paused is true: the data path is not probed";
    }
    if (spec.hibernating()) {
      return "spec.hibernate is true: nothing runs to be probed";
    }
    if (Boolean.FALSE.equals(spec.analytics.rankingStream.enabled)) {
      return "The ranking stream is turned off in the spec: no events are counted";
    }
    return null;
  }

  private void forget(ResourceID id) {
    LibraryProbe probe = probes.remove(id);
    if (probe != null) {
      probe.close();
    }
  }
}
