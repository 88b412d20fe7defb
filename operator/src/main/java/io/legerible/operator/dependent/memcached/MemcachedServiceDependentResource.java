package io.legerible.operator.dependent.memcached;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The Service the website reaches memcached through. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "memcached"))
public class MemcachedServiceDependentResource extends LibraryDependentResource<Service> {

  /** Creates the dependent. */
  public MemcachedServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.MEMCACHED);
  }

  @Override
  public Service build(LegeribleLibrary library, DesiredInputs inputs) {
    Service service =
        Skeleton.load(
            getClass(), "service.yaml", Service.class, library, Component.MEMCACHED, name(library));
    service.getSpec().setSelector(LibraryNaming.selectorLabels(library, Component.MEMCACHED));
    return service;
  }
}
