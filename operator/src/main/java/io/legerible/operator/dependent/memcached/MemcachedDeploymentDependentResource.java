package io.legerible.operator.dependent.memcached;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedMemcached;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.List;

/** The memcached server. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "memcached"))
public class MemcachedDeploymentDependentResource extends LibraryDependentResource<Deployment> {

  /** Creates the dependent. */
  public MemcachedDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.MEMCACHED);
  }

  @Override
  public Deployment build(LegeribleLibrary library, DesiredInputs inputs) {
    ManagedMemcached memcached = library.getSpec().memcached.managed;
    Deployment deployment =
        Skeleton.load(
            getClass(),
            "deployment.yaml",
            Deployment.class,
            library,
            Component.MEMCACHED,
            name(library));
    deployment.getSpec().setSelector(PodTemplates.selector(library, Component.MEMCACHED));
    var template =
        PodTemplates.label(deployment.getSpec().getTemplate(), library, Component.MEMCACHED);
    var container = PodTemplates.container(template, "memcached");
    container.setImage(DefaultImages.orDefault(memcached.image, inputs.images().memcached()));
    container.setArgs(
        List.of("-m", Integer.toString(memcached.memoryMegabytes), "-c", "1024", "-p", "11211"));
    ContainerResources.apply(container, memcached.resources);
    PodPlacement.apply(template.getSpec(), memcached.placement);
    return Hibernation.scaled(deployment, library);
  }
}
