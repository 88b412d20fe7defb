package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {

  @Test
  void eachRefusedObjectIsNamedWithTheServersAnswerInAStableOrder() {
    Map<String, Exception> failures = new LinkedHashMap<>();
    failures.put("platform-config", refusal(422, "ConfigMap", "legerible-city-platform", "denied"));
    failures.put(
        "memcached-service",
        refusal(403, "services", "legerible-city-memcached", "exceeded quota: no-services"));
    // JOSDK wraps the workflow's failures before they reach the reconciler.
    Exception failure =
        new OperatorException(new AggregatedOperatorException("workflow failed", failures));

    assertThat(ReconcileFailure.describe(failure))
        .isEqualTo(
            "services legerible-city-memcached refused (HTTP 403): exceeded quota: no-services;"
                + " ConfigMap legerible-city-platform refused (HTTP 422): denied");
  }

  @Test
  void aFailureThatIsNotARefusalKeepsItsRootCause() {
    Exception failure =
        new IllegalStateException("reconcile", new IllegalArgumentException("no such image"));

    assertThat(ReconcileFailure.describe(failure)).isEqualTo("IllegalStateException no such image");
  }

  private static KubernetesClientException refusal(
      int code, String kind, String name, String message) {
    return new KubernetesClientException(
        new StatusBuilder()
            .withCode(code)
            .withMessage(message)
            .withNewDetails()
            .withKind(kind)
            .withName(name)
            .endDetails()
            .build());
  }
}
