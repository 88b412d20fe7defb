package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.WebappSpec;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.dependent.platform.PlatformConsumers;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The website: the webapp image wired to the platform, its settings and the demo password. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class WebappDeploymentDependentResource extends LibraryDependentResource<Deployment> {

  /** Creates the dependent. */
  public WebappDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.WEBAPP);
  }

  @Override
  public Deployment build(LegeribleLibrary library, DesiredInputs inputs) {
    WebappSpec webapp = library.getSpec().webapp;
    Deployment deployment =
        Skeleton.load(
            getClass(),
            "deployment.yaml",
            Deployment.class,
            library,
            Component.WEBAPP,
            name(library));
    deployment.getSpec().setReplicas(Hibernation.replicas(library, webapp.replicas));
    deployment.getSpec().setSelector(PodTemplates.selector(library, Component.WEBAPP));
    var template =
        PodTemplates.label(deployment.getSpec().getTemplate(), library, Component.WEBAPP);
    var container = PodTemplates.container(template, "webapp");
    container.setImage(DefaultImages.orDefault(webapp.image, inputs.images().webapp()));
    String demoSecret = LibraryNaming.demoCredentials(library);
    List<EnvVar> own = new ArrayList<>();
    own.add(
        ConnectionContract.fromSecret(
            PlatformEnvironment.DEMO_MEMBER_PASSWORD,
            demoSecret,
            ConnectionContract.PASSWORD_KEY,
            false));
    own.add(
        ConnectionContract.fromSecret(
            PlatformEnvironment.DEMO_LIBRARIAN_PASSWORD,
            demoSecret,
            DemoCredentialsDependentResource.LIBRARIAN_PASSWORD_KEY,
            false));
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put(LibraryNaming.webappConfig(library), WebappConfigMapDependentResource.hash(library));
    inputs.secretHash(demoSecret).ifPresent(hash -> hashes.put(demoSecret, hash));
    PlatformConsumers.wire(template, container, library, inputs, own, hashes);
    var envFrom = new ArrayList<>(container.getEnvFrom());
    envFrom.add(
        new EnvFromSourceBuilder()
            .withNewConfigMapRef()
            .withName(LibraryNaming.webappConfig(library))
            .endConfigMapRef()
            .build());
    container.setEnvFrom(envFrom);
    ContainerResources.apply(container, webapp.resources);
    PodPlacement.apply(template.getSpec(), webapp.placement);
    PodPlacement.spreadOverNodes(template, library, Component.WEBAPP);
    return deployment;
  }
}
