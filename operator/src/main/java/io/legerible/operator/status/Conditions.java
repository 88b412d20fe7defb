package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Builds conditions that keep their lastTransitionTime while their status does not change. */
public final class Conditions {

  private Conditions() {}

  /**
   * The condition {@code type} with the given status, reason and message; lastTransitionTime is
   * taken from {@code previous} when the status is the same there, else it is {@code now}.
   */
  public static Condition of(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      long generation,
      Instant now) {
    return of(previous, type, status ? "True" : "False", reason, message, generation, now);
  }

  /** As {@link #of(List, String, boolean, String, String, long, Instant)}, for Unknown too. */
  public static Condition of(
      List<Condition> previous,
      String type,
      String statusText,
      String reason,
      String message,
      long generation,
      Instant now) {
    String transition =
        find(previous, type)
            .filter(c -> statusText.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElse(timestamp(now));
    return new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
  }

  /** Whether the condition of {@code type} is present and True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** RFC 3339 at second precision, as Kubernetes writes it. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
