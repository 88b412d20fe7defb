package io.legerible.operator.status;

import java.util.List;

/**
 * What one reconciliation did, as status needs it: the spec's problems (nothing was applied), the
 * failure that stopped it, or how far the workflow got ({@code blocked}: dependents it could not
 * reach yet, each line naming what they wait for).
 */
public record Reconciliation(List<String> problems, String error, List<String> blocked) {

  /** The workflow ran and reached every active dependent. */
  public static Reconciliation complete() {
    return new Reconciliation(List.of(), null, List.of());
  }

  /** The spec is invalid: nothing was applied. */
  public static Reconciliation invalid(List<String> problems) {
    return new Reconciliation(List.copyOf(problems), null, List.of());
  }

  /** The workflow ran; {@code blocked} lists what it could not reach yet. */
  public static Reconciliation reached(List<String> blocked) {
    return new Reconciliation(List.of(), null, List.copyOf(blocked));
  }

  /** The reconciliation failed for {@code error}. */
  public static Reconciliation failed(String error) {
    return new Reconciliation(List.of(), error, List.of());
  }

  /** Whether the spec passed the checks. */
  public boolean valid() {
    return problems.isEmpty();
  }
}
