package io.legerible.operator.dependent.recommendations;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.RecommendationsSpec;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.PlatformConsumers;
import io.legerible.operator.dependent.spark.SparkSettings;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/** The recommendations schedule: {@code submit recommendations} of the workloads image. */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "recommendations"))
public class RecommendationsCronJobDependentResource extends LibraryDependentResource<CronJob> {

  /** Creates the dependent. */
  public RecommendationsCronJobDependentResource() {
    super(CronJob.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.RECOMMENDATIONS);
  }

  @Override
  public CronJob build(LegeribleLibrary library, DesiredInputs inputs) {
    RecommendationsSpec recommendations = library.getSpec().analytics.recommendations;
    CronJob cronJob =
        Skeleton.load(
            getClass(),
            "cronjob.yaml",
            CronJob.class,
            library,
            Component.RECOMMENDATIONS,
            name(library));
    cronJob.getSpec().setSchedule(recommendations.schedule);
    cronJob.getSpec().setSuspend(Hibernation.suspended(library, recommendations.suspend));
    var jobTemplate = cronJob.getSpec().getJobTemplate();
    jobTemplate.setMetadata(new ObjectMeta());
    jobTemplate.getMetadata().setLabels(LibraryNaming.labels(library, Component.RECOMMENDATIONS));
    var template =
        PodTemplates.label(jobTemplate.getSpec().getTemplate(), library, Component.RECOMMENDATIONS);
    template.getSpec().setServiceAccountName(LibraryNaming.spark(library));
    PodPlacement.apply(template.getSpec(), library.getSpec().analytics.placement);
    var container = PodTemplates.container(template, "driver");
    container.setImage(inputs.images().workloads());
    PlatformConsumers.wire(
        template,
        container,
        library,
        inputs,
        SparkSettings.clusterModeEnv(library, inputs),
        Map.of());
    return cronJob;
  }
}
