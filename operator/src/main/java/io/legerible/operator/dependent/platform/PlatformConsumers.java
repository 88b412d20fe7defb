package io.legerible.operator.dependent.platform;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires a process of ours (website, jobs, feed) to the connection contract: the platform ConfigMap
 * as environment, credentials from their Secrets, and the hashes of both on the pod template.
 */
public final class PlatformConsumers {

  private PlatformConsumers() {}

  /**
   * Adds the contract to {@code container}, then {@code ownEnv}, and annotates the template with
   * the hashes of the platform ConfigMap, the Secrets read and {@code extraHashes}.
   */
  public static void wire(
      PodTemplateSpec template,
      Container container,
      LegeribleLibrary library,
      DesiredInputs inputs,
      List<EnvVar> ownEnv,
      Map<String, String> extraHashes) {
    List<EnvFromSource> envFrom = new ArrayList<>();
    envFrom.add(
        new EnvFromSourceBuilder()
            .withNewConfigMapRef()
            .withName(LibraryNaming.platformConfig(library))
            .endConfigMapRef()
            .build());
    container.setEnvFrom(envFrom);
    List<EnvVar> env = new ArrayList<>(ConnectionContract.credentials(library));
    env.addAll(ownEnv);
    container.setEnv(env);
    Map<String, String> hashes = new LinkedHashMap<>();
    var platform = PlatformConfigMapDependentResource.hash(library);
    hashes.put(platform.getKey(), platform.getValue());
    for (String secret : ConnectionContract.secretsRead(library)) {
      inputs
          .secretHash(secret, ConnectionContract.CREDENTIAL_KEYS)
          .ifPresent(hash -> hashes.put(secret, hash));
    }
    hashes.putAll(extraHashes);
    PodTemplates.annotateHashes(template, library, hashes);
  }
}
