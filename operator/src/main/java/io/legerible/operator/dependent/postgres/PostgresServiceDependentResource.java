package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The Service clients reach PostgreSQL through. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresServiceDependentResource extends LibraryDependentResource<Service> {

  /** Creates the dependent. */
  public PostgresServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.POSTGRES);
  }

  @Override
  public Service build(LegeribleLibrary library, DesiredInputs inputs) {
    Service service =
        Skeleton.load(
            getClass(), "service.yaml", Service.class, library, Component.POSTGRES, name(library));
    service.getSpec().setSelector(LibraryNaming.selectorLabels(library, Component.POSTGRES));
    return service;
  }
}
