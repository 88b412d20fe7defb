package io.legerible.operator.dependent.platform;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.ContentHash;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/**
 * The connection contract ConfigMap: every process (website, jobs, feed) reads its backing services
 * from here, the same way for managed and external services.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "platform"))
public class PlatformConfigMapDependentResource extends LibraryDependentResource<ConfigMap> {

  /** Creates the dependent. */
  public PlatformConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.platformConfig(library);
  }

  @Override
  public ConfigMap build(LegeribleLibrary library, DesiredInputs inputs) {
    ConfigMap configMap =
        Skeleton.load(
            getClass(),
            "configmap.yaml",
            ConfigMap.class,
            library,
            Component.PLATFORM,
            name(library));
    configMap.setData(ConnectionContract.settings(library));
    return configMap;
  }

  /** Hash of the contract's content, for the pod templates that read it. */
  public static Map.Entry<String, String> hash(LegeribleLibrary library) {
    return Map.entry(
        LibraryNaming.platformConfig(library),
        ContentHash.of(ConnectionContract.settings(library)));
  }
}
