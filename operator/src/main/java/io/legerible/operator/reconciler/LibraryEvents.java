package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.status.ComponentReadiness;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.operator.status.LibraryStatusAssembler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a library: condition transitions, and every drift the operator corrected (a
 * dependent changed or deleted behind its back, for a generation it had already reconciled).
 */
final class LibraryEvents {

  private static final Logger LOG = LoggerFactory.getLogger(LibraryEvents.class);

  private final Clock clock;

  LibraryEvents(Clock clock) {
    this.clock = clock;
  }

  /** One Warning event per drift corrected. */
  void driftCorrected(LegeribleLibrary library, List<String> corrections, KubernetesClient client) {
    for (String correction : corrections) {
      emit(client, library, "Warning", "DriftCorrected", correction);
    }
  }

  /**
   * A Warning when a reconciliation fails in a way not reported before (a new failure, or another
   * message), so that a retry loop on the same failure does not flood the namespace.
   */
  void reconcileError(
      LegeribleLibrary library,
      LegeribleLibraryStatus before,
      LegeribleLibraryStatus after,
      KubernetesClient client) {
    Condition ready = Conditions.find(after.conditions, ConditionTypes.READY).orElseThrow();
    boolean reported =
        Conditions.find(before == null ? List.of() : before.conditions, ConditionTypes.READY)
            .filter(c -> Objects.equals(c.getReason(), ready.getReason()))
            .filter(c -> Objects.equals(c.getMessage(), ready.getMessage()))
            .isPresent();
    if (!reported) {
      emit(client, library, "Warning", ready.getReason(), ready.getMessage());
    }
  }

  /** A Normal event when the database role's password was rotated and the programs roll to it. */
  void passwordRotated(LegeribleLibrary library, String rotation, KubernetesClient client) {
    emit(
        client,
        library,
        "Normal",
        "PasswordRotated",
        "The database role has the password of rotation "
            + rotation
            + "; the programs that use it are rolling to it");
  }

  /** Events for every condition whose status changed (a failed reconciliation has its own). */
  void transitions(
      LegeribleLibrary library,
      LegeribleLibraryStatus before,
      LegeribleLibraryStatus after,
      KubernetesClient client) {
    List<Condition> previous = before == null ? List.of() : before.conditions;
    List<Condition> changed = new ArrayList<>();
    for (Condition condition : after.conditions) {
      String was =
          Conditions.find(previous, condition.getType()).map(Condition::getStatus).orElse(null);
      if (!Objects.equals(was, condition.getStatus())
          && !(was == null && "False".equals(condition.getStatus()))
          && !LibraryStatusAssembler.REASON_RECONCILE_ERROR.equals(condition.getReason())) {
        changed.add(condition);
      }
    }
    for (Condition condition : changed) {
      // Going to sleep or waking, and what stops serving meanwhile, is what the user asked for.
      boolean asked =
          ConditionTypes.HIBERNATED.equals(condition.getType())
              || ComponentReadiness.HIBERNATED.equals(condition.getReason());
      boolean good =
          asked || "True".equals(condition.getStatus()) != "Paused".equals(condition.getType());
      emit(
          client,
          library,
          good ? "Normal" : "Warning",
          condition.getType() + ("True".equals(condition.getStatus()) ? "" : "Lost"),
          condition.getMessage());
    }
  }

  private void emit(
      KubernetesClient client,
      LegeribleLibrary library,
      String type,
      String reason,
      String message) {
    String now = Conditions.timestamp(clock.instant());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(library.getMetadata().getName() + ".")
            .withNamespace(library.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(library.getApiVersion())
                    .withKind(library.getKind())
                    .withName(library.getMetadata().getName())
                    .withNamespace(library.getMetadata().getNamespace())
                    .withUid(library.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(truncate(message))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(LegeribleLibraryReconciler.NAME)
            .endSource()
            .withReportingComponent(LegeribleLibraryReconciler.NAME)
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(library.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record event {} on library {}/{}: {}",
          reason,
          library.getMetadata().getNamespace(),
          library.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 1024
        ? message
        : message.substring(0, 1021) + "...";
  }
}
