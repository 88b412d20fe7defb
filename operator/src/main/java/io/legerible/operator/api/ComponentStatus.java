package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Readiness of one component and how long it took to become ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {

  @JsonPropertyDescription("Whether the component serves requests.")
  public Boolean ready;

  @JsonPropertyDescription("Managed (run by the operator) or External.")
  public String mode;

  @JsonPropertyDescription("Since when the component has been in its current readiness state.")
  public String since;

  @JsonPropertyDescription(
      "Seconds the component needed, last time it became ready, from becoming unready or from its"
          + " creation.")
  public Long secondsToReady;

  /** A component status with the given fields. */
  public static ComponentStatus of(boolean ready, String mode, String since, Long secondsToReady) {
    ComponentStatus status = new ComponentStatus();
    status.ready = ready;
    status.mode = mode;
    status.since = since;
    status.secondsToReady = secondsToReady;
    return status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComponentStatus that
        && Objects.equals(ready, that.ready)
        && Objects.equals(mode, that.mode)
        && Objects.equals(since, that.since)
        && Objects.equals(secondsToReady, that.secondsToReady);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ready, mode, since, secondsToReady);
  }
}
