package io.legerible.operator.dependent.rankingstream;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.RankingStreamSpec;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.PlatformConsumers;
import io.legerible.operator.dependent.spark.SparkSettings;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ranking stream's driver: {@code submit ranking-stream} of the workloads image. */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "ranking-stream"))
public class RankingStreamDeploymentDependentResource extends LibraryDependentResource<Deployment> {

  /** Where the checkpoint volume is mounted. */
  public static final String CHECKPOINT_DIR = "/var/lib/legerible/checkpoints/ranking-stream";

  /** Creates the dependent. */
  public RankingStreamDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.RANKING_STREAM);
  }

  @Override
  public Deployment build(LegeribleLibrary library, DesiredInputs inputs) {
    RankingStreamSpec stream = library.getSpec().analytics.rankingStream;
    Deployment deployment =
        Skeleton.load(
            getClass(),
            "deployment.yaml",
            Deployment.class,
            library,
            Component.RANKING_STREAM,
            name(library));
    deployment.getSpec().setSelector(PodTemplates.selector(library, Component.RANKING_STREAM));
    var template =
        PodTemplates.label(deployment.getSpec().getTemplate(), library, Component.RANKING_STREAM);
    template.getSpec().setServiceAccountName(LibraryNaming.spark(library));
    var container = PodTemplates.container(template, "driver");
    container.setImage(inputs.images().workloads());
    List<EnvVar> own = new ArrayList<>(SparkSettings.env(library, inputs));
    own.add(new EnvVar(PlatformEnvironment.RANKING_CHECKPOINT_DIR, CHECKPOINT_DIR, null));
    own.add(
        new EnvVar(
            PlatformEnvironment.RANKING_TRIGGER_SECONDS,
            Integer.toString(stream.triggerSeconds),
            null));
    own.add(
        new EnvVar(
            PlatformEnvironment.RANKING_WINDOW_MINUTES,
            stream.windowMinutes + "," + stream.windowSlideMinutes,
            null));
    PlatformConsumers.wire(template, container, library, inputs, own, Map.of());
    ContainerResources.apply(container, library.getSpec().analytics.executors.driverResources);
    return deployment;
  }
}
