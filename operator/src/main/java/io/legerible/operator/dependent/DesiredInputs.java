package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.config.DefaultImages;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What desired state needs beyond the resource itself: the default images and the hashes of the
 * generated Secrets as they exist in the cluster (their contents are random, so only the cluster
 * knows them).
 */
public record DesiredInputs(DefaultImages images, Map<String, String> secretHashes) {

  /** Inputs for pure builders and tests. */
  public static DesiredInputs of(DefaultImages images, Map<String, String> secretHashes) {
    return new DesiredInputs(images, Map.copyOf(secretHashes));
  }

  /** Inputs from the operator's environment and the informer caches of this reconciliation. */
  public static DesiredInputs from(Context<LegeribleLibrary> context) {
    Map<String, String> hashes = new HashMap<>();
    context
        .getSecondaryResourcesAsStream(Secret.class)
        .forEach(
            secret -> hashes.put(secret.getMetadata().getName(), ContentHash.of(secret.getData())));
    return new DesiredInputs(DefaultImages.fromEnvironment(), hashes);
  }

  /** Hash of the named Secret, empty until the Secret is known. */
  public Optional<String> secretHash(String name) {
    return Optional.ofNullable(secretHashes.get(name));
  }
}
