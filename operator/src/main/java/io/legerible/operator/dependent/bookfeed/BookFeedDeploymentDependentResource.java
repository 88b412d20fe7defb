package io.legerible.operator.dependent.bookfeed;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.PlatformConsumers;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.List;
import java.util.Map;

/** The book feed: {@code book-feed} of the workloads image. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "book-feed"))
public class BookFeedDeploymentDependentResource extends LibraryDependentResource<Deployment> {

  /** Creates the dependent. */
  public BookFeedDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.BOOK_FEED);
  }

  @Override
  public Deployment build(LegeribleLibrary library, DesiredInputs inputs) {
    Deployment deployment =
        Skeleton.load(
            getClass(),
            "deployment.yaml",
            Deployment.class,
            library,
            Component.BOOK_FEED,
            name(library));
    deployment.getSpec().setSelector(PodTemplates.selector(library, Component.BOOK_FEED));
    var template =
        PodTemplates.label(deployment.getSpec().getTemplate(), library, Component.BOOK_FEED);
    var container = PodTemplates.container(template, "book-feed");
    container.setImage(inputs.images().workloads());
    PodPlacement.apply(template.getSpec(), library.getSpec().bookFeed.placement);
    PlatformConsumers.wire(
        template,
        container,
        library,
        inputs,
        List.of(
            new EnvVar(
                PlatformEnvironment.FEED_RATE_PER_SECOND,
                Integer.toString(library.getSpec().bookFeed.ratePerSecond),
                null)),
        Map.of());
    return Hibernation.scaled(deployment, library);
  }
}
