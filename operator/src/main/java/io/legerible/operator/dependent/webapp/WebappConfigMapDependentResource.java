package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.ContentHash;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.LinkedHashMap;

/** The website's own settings: port, probes, catalogue and feed rate. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class WebappConfigMapDependentResource extends LibraryDependentResource<ConfigMap> {

  /** Creates the dependent. */
  public WebappConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.webappConfig(library);
  }

  @Override
  public ConfigMap build(LegeribleLibrary library, DesiredInputs inputs) {
    return configMap(library);
  }

  /** The ConfigMap; pure, also used for the hash on the website's pod template. */
  public static ConfigMap configMap(LegeribleLibrary library) {
    ConfigMap configMap =
        Skeleton.load(
            WebappConfigMapDependentResource.class,
            "configmap.yaml",
            ConfigMap.class,
            library,
            Component.WEBAPP,
            LibraryNaming.webappConfig(library));
    var data = new LinkedHashMap<>(configMap.getData());
    data.put(PlatformEnvironment.CATALOGUE, library.getSpec().catalogue.value());
    data.put(
        PlatformEnvironment.FEED_RATE_PER_SECOND,
        Boolean.TRUE.equals(library.getSpec().bookFeed.enabled)
            ? Integer.toString(library.getSpec().bookFeed.ratePerSecond)
            : "0");
    configMap.setData(data);
    return configMap;
  }

  /** Hash of the ConfigMap's data. */
  public static String hash(LegeribleLibrary library) {
    return ContentHash.of(configMap(library).getData());
  }
}
