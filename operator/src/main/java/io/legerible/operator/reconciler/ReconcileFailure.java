package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why a reconciliation failed, in words a platform engineer can act on: the object the API server
 * refused and its own message (a 403 from RBAC or a quota, an admission rejection, an immutable
 * field), for each dependent that failed.
 */
final class ReconcileFailure {

  private static final int MAX_MESSAGE = 900;

  private ReconcileFailure() {}

  /**
   * One line per failed dependent, in a stable order, so that a repeated failure reads the same.
   */
  static String describe(Exception failure) {
    Map<String, Exception> byDependent = new TreeMap<>();
    aggregated(failure)
        .ifPresentOrElse(
            aggregated -> byDependent.putAll(aggregated.getAggregatedExceptions()),
            () -> byDependent.put("", failure));
    List<String> lines = new ArrayList<>();
    byDependent.forEach((dependent, exception) -> lines.add(line(dependent, exception)));
    String message = String.join("; ", lines);
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
  }

  private static String line(String dependent, Exception exception) {
    KubernetesClientException refused = refusal(exception);
    if (refused == null) {
      String what = dependent.isEmpty() ? "" : dependent + ": ";
      return what + exception.getClass().getSimpleName() + " " + rootMessage(exception);
    }
    var status = refused.getStatus();
    String object = dependent;
    if (status != null && status.getDetails() != null && status.getDetails().getName() != null) {
      object = status.getDetails().getKind() + " " + status.getDetails().getName();
    }
    String message =
        status != null && status.getMessage() != null ? status.getMessage() : refused.getMessage();
    return object + " refused (HTTP " + refused.getCode() + "): " + message;
  }

  /** The workflow's failures by dependent, wherever JOSDK wrapped them. */
  private static Optional<AggregatedOperatorException> aggregated(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof AggregatedOperatorException aggregated) {
        return Optional.of(aggregated);
      }
    }
    return Optional.empty();
  }

  /** The API server's answer somewhere in the causes, if that is what failed. */
  private static KubernetesClientException refusal(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() > 0) {
        return k;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
