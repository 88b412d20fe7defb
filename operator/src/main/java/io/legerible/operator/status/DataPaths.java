package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.legerible.operator.api.DataPathStatus;
import java.time.Instant;
import java.util.List;

/**
 * The data-path part of a library's status: {@code status.dataPath} and the DataPathReady
 * condition, from the probes' latest report and what the status said before (a report may be
 * missing right after the operator started: the previous verdict stands until a probe has had time
 * to go through). Pure.
 */
final class DataPaths {

  private DataPaths() {}

  /** {@code status.dataPath}: the report merged into the previous one; null before any. */
  static DataPathStatus merge(DataPathReport report, DataPathStatus previous, Instant now) {
    if (report == null) {
      return previous;
    }
    DataPathStatus status = new DataPathStatus();
    status.message = report.message();
    status.eventsWaiting = report.eventsWaiting();
    switch (report.outcome()) {
      case ARRIVING -> {
        status.lastArrival = Conditions.timestamp(report.lastArrival());
        status.latencyMillis = report.latencyMillis();
      }
      case NOT_ARRIVING -> {
        status.failingHop = report.failingHop();
        status.lastArrival =
            report.lastArrival() != null
                ? Conditions.timestamp(report.lastArrival())
                : previous == null ? null : previous.lastArrival;
      }
      case NOT_CHECKED -> {
        // Nothing is known about the path: no figures, no hop.
      }
    }
    return status;
  }

  /**
   * DataPathReady: True while probes arrive; False with the failing hop once probes that arrived
   * before stop (reason HopFailing) or while none has arrived yet (reason Starting); Unknown when
   * the path is not checked.
   */
  static Condition condition(
      DataPathReport report,
      DataPathStatus merged,
      List<Condition> before,
      long generation,
      Instant now) {
    String type = ConditionTypes.DATA_PATH_READY;
    if (report == null) {
      return Conditions.find(before, type)
          .map(
              c ->
                  Conditions.of(
                      before, type, c.getStatus(), c.getReason(), c.getMessage(), generation, now))
          .orElseGet(
              () ->
                  Conditions.of(
                      before,
                      type,
                      false,
                      "Starting",
                      "No probe event has been sent yet",
                      generation,
                      now));
    }
    return switch (report.outcome()) {
      case ARRIVING ->
          Conditions.of(before, type, true, "ProbesArrive", report.message(), generation, now);
      case NOT_ARRIVING ->
          Conditions.of(
              before,
              type,
              false,
              merged.lastArrival != null ? "HopFailing" : "Starting",
              report.failingHop() + ": " + report.message(),
              generation,
              now);
      case NOT_CHECKED ->
          Conditions.of(before, type, "Unknown", "NotChecked", report.message(), generation, now);
    };
  }
}
