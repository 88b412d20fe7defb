package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.config.DefaultImages;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What desired state needs beyond the resource itself: the default images and the data of the
 * generated Secrets as they exist in the cluster (their contents are random, so only the cluster
 * knows them), of which pod templates carry hashes.
 */
public record DesiredInputs(DefaultImages images, Map<String, Map<String, String>> secretData) {

  /** Inputs for pure builders and tests: each Secret by name, with its data. */
  public static DesiredInputs of(DefaultImages images, Map<String, Map<String, String>> secrets) {
    return new DesiredInputs(images, Map.copyOf(secrets));
  }

  /** Inputs from the operator's environment and the informer caches of this reconciliation. */
  public static DesiredInputs from(Context<LegeribleLibrary> context) {
    Map<String, Map<String, String>> data = new HashMap<>();
    context
        .getSecondaryResourcesAsStream(Secret.class)
        .forEach(
            secret ->
                data.put(
                    secret.getMetadata().getName(),
                    secret.getData() == null ? Map.of() : secret.getData()));
    return new DesiredInputs(DefaultImages.fromEnvironment(), data);
  }

  /** Hash of the whole named Secret, empty until the Secret is known. */
  public Optional<String> secretHash(String name) {
    return Optional.ofNullable(secretData.get(name)).map(ContentHash::of);
  }

  /**
   * Hash of only the given keys of the named Secret, empty until the Secret is known: a pod that
   * reads only those rolls only when they change, not when the Secret gains an unrelated key.
   */
  public Optional<String> secretHash(String name, Collection<String> keys) {
    return Optional.ofNullable(secretData.get(name))
        .map(
            data -> {
              Map<String, String> read = new TreeMap<>();
              keys.stream().filter(data::containsKey).forEach(key -> read.put(key, data.get(key)));
              return ContentHash.of(read);
            });
  }
}
