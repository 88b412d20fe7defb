package io.legerible.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.status.Features;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Per-library gauges for alerting, read at scrape time from the status the operator wrote (its
 * informer cache): a deleted library simply stops being exported. Names are stable; README lists
 * them with example alert rules.
 */
public final class LibraryMetrics implements MultiCollector {

  /** 1 when the condition is True, else 0; by namespace, library and condition. */
  public static final String CONDITION = "legerible_library_condition";

  /** When the condition last changed status, in Unix seconds. */
  public static final String CONDITION_SINCE =
      "legerible_library_condition_since_timestamp_seconds";

  /** 1 when the component is ready, else 0. */
  public static final String COMPONENT_READY = "legerible_component_ready";

  /** Seconds the component needed, last time it became ready. */
  public static final String COMPONENT_SECONDS_TO_READY = "legerible_component_seconds_to_ready";

  /** 1 when the feature is available, else 0 (disabled features are not exported). */
  public static final String FEATURE_AVAILABLE = "legerible_feature_available";

  /**
   * Age of the data a feature shows: recommendations since the last successful run; live ranking
   * and loan trend since the newest probe event that went all the way was sent.
   */
  public static final String FEATURE_DATA_AGE = "legerible_feature_data_age_seconds";

  /** Milliseconds the newest arrived probe event spent on each hop of the data path. */
  public static final String DATA_PATH_LATENCY = "legerible_data_path_latency_milliseconds";

  /** Loan events on the topic the ranking stream has not counted yet. */
  public static final String EVENTS_WAITING = "legerible_ranking_events_waiting";

  private static final Map<PrometheusRegistry, LibraryMetrics> REGISTERED = new WeakHashMap<>();

  private final Clock clock;
  private volatile Cache<LegeribleLibrary> libraries;

  LibraryMetrics(Clock clock) {
    this.clock = clock;
  }

  /** Metrics registered with {@code registry}, once however often an operator is created on it. */
  public static synchronized LibraryMetrics on(PrometheusRegistry registry) {
    return REGISTERED.computeIfAbsent(
        registry,
        r -> {
          LibraryMetrics metrics = new LibraryMetrics(Clock.systemUTC());
          r.register(metrics);
          return metrics;
        });
  }

  /** Metrics exported nowhere, for an operator without a Prometheus registry. */
  public static LibraryMetrics unregistered() {
    return new LibraryMetrics(Clock.systemUTC());
  }

  /** Reads libraries from {@code cache} from now on (the controller's cache of its primaries). */
  public void watch(Cache<LegeribleLibrary> cache) {
    this.libraries = cache;
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        CONDITION,
        CONDITION_SINCE,
        COMPONENT_READY,
        COMPONENT_SECONDS_TO_READY,
        FEATURE_AVAILABLE,
        FEATURE_DATA_AGE,
        DATA_PATH_LATENCY,
        EVENTS_WAITING);
  }

  @Override
  public MetricSnapshots collect() {
    Gauge condition =
        new Gauge(CONDITION, "Whether the library's condition is True (1) or False (0)");
    Gauge since = new Gauge(CONDITION_SINCE, "When the condition last changed status");
    Gauge ready = new Gauge(COMPONENT_READY, "Whether the component is ready (1) or not (0)");
    Gauge toReady =
        new Gauge(COMPONENT_SECONDS_TO_READY, "Seconds the component needed to become ready");
    Gauge available =
        new Gauge(FEATURE_AVAILABLE, "Whether members can use the feature (1) or not (0)");
    Gauge age = new Gauge(FEATURE_DATA_AGE, "Age of the data the feature shows");
    Gauge latency =
        new Gauge(DATA_PATH_LATENCY, "Milliseconds the newest probe event spent on the hop");
    Gauge waiting = new Gauge(EVENTS_WAITING, "Loan events the ranking stream has not counted yet");
    Cache<LegeribleLibrary> cache = libraries;
    if (cache != null) {
      Instant now = clock.instant();
      cache
          .list()
          .filter(library -> library.getStatus() != null)
          .forEach(
              library -> {
                String namespace = library.getMetadata().getNamespace();
                String name = library.getMetadata().getName();
                var status = library.getStatus();
                for (Condition c : status.conditions) {
                  Labels labels =
                      Labels.of("condition", c.getType(), "library", name, "namespace", namespace);
                  condition.add(labels, "True".equals(c.getStatus()) ? 1 : 0);
                  if (c.getLastTransitionTime() != null) {
                    since.add(labels, Instant.parse(c.getLastTransitionTime()).getEpochSecond());
                  }
                }
                status.components.forEach(
                    (component, c) -> {
                      Labels labels =
                          Labels.of(
                              "component", component, "library", name, "namespace", namespace);
                      ready.add(labels, Boolean.TRUE.equals(c.ready) ? 1 : 0);
                      if (c.secondsToReady != null) {
                        toReady.add(labels, c.secondsToReady);
                      }
                    });
                status.features.forEach(
                    (feature, f) -> {
                      if (Features.DISABLED.equals(f.state)) {
                        return;
                      }
                      Labels labels =
                          Labels.of("feature", feature, "library", name, "namespace", namespace);
                      available.add(labels, Features.AVAILABLE.equals(f.state) ? 1 : 0);
                      if (f.lastSuccess != null) {
                        age.add(
                            labels,
                            Math.max(
                                0,
                                now.getEpochSecond()
                                    - Instant.parse(f.lastSuccess).getEpochSecond()));
                      }
                    });
                if (status.dataPath != null && status.dataPath.eventsWaiting != null) {
                  waiting.add(
                      Labels.of("library", name, "namespace", namespace),
                      status.dataPath.eventsWaiting);
                }
                if (status.dataPath != null && status.dataPath.latencyMillis != null) {
                  status.dataPath.latencyMillis.forEach(
                      (hop, millis) ->
                          latency.add(
                              Labels.of("hop", hop, "library", name, "namespace", namespace),
                              millis));
                }
              });
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (Gauge gauge :
        List.of(condition, since, ready, toReady, available, age, latency, waiting)) {
      snapshots.add(gauge.build());
    }
    return new MetricSnapshots(snapshots);
  }

  /** One gauge family being filled during a scrape. */
  private static final class Gauge {
    private final GaugeSnapshot.Builder builder;

    Gauge(String name, String help) {
      this.builder = GaugeSnapshot.builder().name(name).help(help);
    }

    void add(Labels labels, double value) {
      builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    GaugeSnapshot build() {
      return builder.build();
    }
  }
}
