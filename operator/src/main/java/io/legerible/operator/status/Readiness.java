package io.legerible.operator.status;

/** Whether something is ready, and in words why not (or what it is when it is). */
public record Readiness(boolean ready, String reason, String message) {

  /** Ready, described by {@code message}. */
  public static Readiness ready(String message) {
    return new Readiness(true, "Ready", message);
  }

  /** Not ready for {@code reason}, explained by {@code message}. */
  public static Readiness notReady(String reason, String message) {
    return new Readiness(false, reason, message);
  }
}
