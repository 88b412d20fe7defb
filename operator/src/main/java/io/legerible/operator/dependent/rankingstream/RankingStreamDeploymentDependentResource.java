package io.legerible.operator.dependent.rankingstream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.RankingStreamSpec;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.Hibernation;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.PlatformConsumers;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ranking stream: {@code submit ranking-stream} of the workloads image, Spark in local mode in
 * this one pod with its checkpoint on a claim.
 */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "ranking-stream"))
public class RankingStreamDeploymentDependentResource extends LibraryDependentResource<Deployment> {

  /** Spark in the stream's own pod: two task threads. */
  static final String LOCAL_MASTER = "local[2]";

  /** The file the stream keeps while its queries run; the skeleton's readiness probe tests it. */
  static final String READY_FILE = "/tmp/legerible-ranking-ready";

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
    template.getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals("checkpoint"))
        .forEach(
            volume ->
                volume
                    .getPersistentVolumeClaim()
                    .setClaimName(RankingCheckpointClaimDependentResource.claimName(library)));
    var container = PodTemplates.container(template, "stream");
    container.setImage(inputs.images().workloads());
    ContainerResources.apply(container, stream.resources);
    PodPlacement.apply(template.getSpec(), library.getSpec().analytics.placement);
    List<EnvVar> own = new ArrayList<>();
    own.add(new EnvVar(PlatformEnvironment.SPARK_MASTER, LOCAL_MASTER, null));
    own.add(new EnvVar(PlatformEnvironment.SPARK_DRIVER_MEMORY, sparkHeap(container), null));
    own.add(new EnvVar(PlatformEnvironment.RANKING_CHECKPOINT_DIR, CHECKPOINT_DIR, null));
    own.add(new EnvVar(PlatformEnvironment.RANKING_READY_FILE, READY_FILE, null));
    container.getReadinessProbe().getExec().setCommand(List.of("test", "-f", READY_FILE));
    own.add(
        new EnvVar(
            PlatformEnvironment.RANKING_TRIGGER_SECONDS,
            BigDecimal.valueOf(stream.triggerSeconds).stripTrailingZeros().toPlainString(),
            null));
    PlatformConsumers.wire(template, container, library, inputs, own, Map.of());
    return Hibernation.scaled(deployment, library);
  }

  /**
   * Spark's heap: half the container's memory limit, the rest for the submitter's small JVM and
   * Spark's off-heap memory (Kafka consumers, Netty, metaspace).
   */
  static String sparkHeap(Container container) {
    Quantity limit = container.getResources().getLimits().get("memory");
    long mebibytes = limit.getNumericalAmount().longValue() / (1024 * 1024);
    return Math.max(256, mebibytes / 2) + "m";
  }
}
