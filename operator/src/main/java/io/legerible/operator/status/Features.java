package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.legerible.operator.api.ComponentStatus;
import io.legerible.operator.api.DataPathStatus;
import io.legerible.operator.api.FeatureStatus;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What members can use, feature by feature, from the readiness of the parts each feature needs. The
 * two core features (browsing the catalogue, loans) decide Available; any impaired feature makes
 * the library Degraded. Pure.
 */
public final class Features {

  /** A feature is available. */
  public static final String AVAILABLE = "Available";

  /** A part the feature needs was ready before and is not now. */
  public static final String IMPAIRED = "Impaired";

  /** A part the feature needs has not been ready yet (the library is coming up). */
  public static final String STARTING = "Starting";

  /** The feature is turned off in the spec. */
  public static final String DISABLED = "Disabled";

  /** The library hibernates: the feature returns when it wakes. */
  public static final String HIBERNATED = "Hibernated";

  /** The part that stands for the probes' verdict on the loan path (see {@link DataPathReport}). */
  static final String DATA_PATH = "dataPath";

  /** Reason of the data-path part while no probe has gone all the way yet. */
  static final String NO_PROBE_YET = "NoProbeYet";

  /** A feature and the parts it needs, by part name (see {@link #parts}). */
  record Feature(String name, boolean core, List<String> needs, String what) {}

  /** Every feature, in status order. */
  static final List<Feature> FEATURES =
      List.of(
          new Feature("catalogue", true, List.of("webapp", "postgres"), "browse and search books"),
          new Feature("loans", true, List.of("webapp", "postgres"), "loan and return books"),
          new Feature(
              "liveRanking",
              false,
              List.of("kafka", "rankingStream", "postgres", "cassandra", DATA_PATH),
              "the home page's top 10 follows loans within seconds"),
          new Feature(
              "loanTrend",
              false,
              List.of("webapp", "kafka", "rankingStream", "cassandra", DATA_PATH),
              "the loan-trend chart"),
          new Feature(
              "recommendations",
              false,
              List.of("recommendations", "postgres", "cassandra"),
              "4 recommended books per member, renewed on schedule"),
          new Feature(
              "bookFeed", false, List.of("kafka", "bookFeed", "postgres"), "scanned books appear"),
          new Feature("caching", false, List.of("memcached"), "pages served from the cache"));

  private Features() {}

  /**
   * The readiness of every part a feature may need: the six components; within analytics, the
   * stream, the recommendations runs and the feed; and the data path as the probes last found it
   * ({@code dataPath}: the status already merged with the latest report, null before any).
   */
  public static Map<String, Readiness> parts(
      LegeribleLibrary library,
      LibraryObservation observed,
      Map<String, Readiness> components,
      DataPathStatus dataPath) {
    Map<String, Readiness> parts = new LinkedHashMap<>(components);
    parts.remove("analytics");
    parts.put("rankingStream", ComponentReadiness.rankingStream(library, observed));
    parts.put("recommendations", ComponentReadiness.recommendations(library, observed));
    parts.put("bookFeed", ComponentReadiness.bookFeed(library, observed));
    parts.put(DATA_PATH, dataPath(dataPath));
    return parts;
  }

  /**
   * Probes that stop impair what they travel for (before any arrived, they hold it up as starting);
   * a path not checked holds nothing up.
   */
  private static Readiness dataPath(DataPathStatus status) {
    if (status == null || status.failingHop == null) {
      return Readiness.ready(status == null ? "No verdict of the probes yet" : status.message);
    }
    String message = status.failingHop + ": " + status.message;
    return status.lastArrival != null
        ? Readiness.notReady(DATA_PATH_FAILING, message)
        : Readiness.notReady(NO_PROBE_YET, message);
  }

  /** Reason of the data-path part when probes that arrived before stop arriving. */
  static final String DATA_PATH_FAILING = "DataPathFailing";

  /**
   * Every feature's status. A part counts as impairing once its component has been ready since the
   * library was created ({@code components} carries that history); before, it holds the feature as
   * Starting. {@code dataPath}: what the probes found, for the freshness of the live ranking and
   * the loan trend (they count every event sent before the newest probe that went all the way).
   */
  public static Map<String, FeatureStatus> evaluate(
      LegeribleLibrary library,
      LibraryObservation observed,
      Map<String, Readiness> parts,
      Map<String, ComponentStatus> components,
      DataPathStatus dataPath) {
    String dataCurrentTo = dataPath == null ? null : dataPath.lastArrival;
    Map<String, FeatureStatus> result = new LinkedHashMap<>();
    for (Feature feature : FEATURES) {
      List<String> impairedBy = new ArrayList<>();
      List<String> causes = new ArrayList<>();
      boolean disabled = false;
      boolean starting = false;
      for (String part : feature.needs()) {
        Readiness readiness = parts.get(part);
        if (ComponentReadiness.DISABLED.equals(readiness.reason())) {
          disabled = true;
          continue;
        }
        if (!readiness.ready()) {
          impairedBy.add(part);
          causes.add(part + ": " + readiness.message());
          starting |= !impairing(part, readiness, components);
        }
      }
      String lastSuccess =
          switch (feature.name()) {
            case "recommendations" -> lastSuccess(library, observed);
            case "liveRanking", "loanTrend" -> dataCurrentTo;
            default -> null;
          };
      if (library.getSpec().hibernating()) {
        result.put(
            feature.name(),
            FeatureStatus.of(
                HIBERNATED,
                null,
                "The library hibernates; set spec.hibernate to false to " + feature.what(),
                lastSuccess));
      } else if (disabled) {
        result.put(
            feature.name(),
            FeatureStatus.of(DISABLED, null, "Turned off in the spec: " + feature.what(), null));
      } else if (impairedBy.isEmpty()) {
        result.put(
            feature.name(),
            FeatureStatus.of(AVAILABLE, null, capitalised(feature.what()), lastSuccess));
      } else {
        result.put(
            feature.name(),
            FeatureStatus.of(
                starting ? STARTING : IMPAIRED,
                impairedBy,
                (starting ? "Not yet: " : "Not working: ")
                    + feature.what()
                    + "; "
                    + String.join("; ", causes),
                lastSuccess));
      }
    }
    FeatureStatus ranking = result.get("liveRanking");
    if (dataPath != null && !DISABLED.equals(ranking.state)) {
      ranking.eventsWaiting = dataPath.eventsWaiting;
    }
    return result;
  }

  /** Whether members can browse, search and loan. */
  public static boolean coreAvailable(Map<String, FeatureStatus> features) {
    return FEATURES.stream()
        .filter(Feature::core)
        .allMatch(f -> AVAILABLE.equals(features.get(f.name()).state));
  }

  /** The names of the impaired features, in status order. */
  public static List<String> impaired(Map<String, FeatureStatus> features) {
    return features.entrySet().stream()
        .filter(e -> IMPAIRED.equals(e.getValue().state))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Whether a part that is not ready impairs (rather than holds up) what needs it. */
  private static boolean impairing(
      String part, Readiness readiness, Map<String, ComponentStatus> components) {
    if (WorkloadReadiness.RUNS_FAILING.equals(readiness.reason())
        || RunSchedule.RUNS_OVERDUE.equals(readiness.reason())
        || DATA_PATH_FAILING.equals(readiness.reason())) {
      return true;
    }
    String component =
        switch (part) {
          case "rankingStream", "recommendations", "bookFeed" -> "analytics";
          default -> part;
        };
    ComponentStatus status = components.get(component);
    return status != null && status.secondsToReady != null;
  }

  private static String lastSuccess(LegeribleLibrary library, LibraryObservation observed) {
    CronJob cronJob =
        observed.cronJobs().get(LibraryNaming.name(library, Component.RECOMMENDATIONS));
    return cronJob == null || cronJob.getStatus() == null
        ? null
        : cronJob.getStatus().getLastSuccessfulTime();
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
