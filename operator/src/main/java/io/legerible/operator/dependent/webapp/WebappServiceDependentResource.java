package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The website's Service (port 80 to the pods' 8080). */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class WebappServiceDependentResource extends LibraryDependentResource<Service> {

  /** Creates the dependent. */
  public WebappServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.WEBAPP);
  }

  @Override
  public Service build(LegeribleLibrary library, DesiredInputs inputs) {
    Service service =
        Skeleton.load(
            getClass(), "service.yaml", Service.class, library, Component.WEBAPP, name(library));
    service.getSpec().setSelector(LibraryNaming.selectorLabels(library, Component.WEBAPP));
    return service;
  }
}
