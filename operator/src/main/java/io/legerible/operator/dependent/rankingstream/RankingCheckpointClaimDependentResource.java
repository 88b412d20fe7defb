package io.legerible.operator.dependent.rankingstream;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.Storage;
import io.legerible.operator.dependent.KeptWithDataDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/**
 * The claim holding the ranking stream's checkpoint, so that a restarted or rescheduled stream
 * resumes where it stopped (exactly once) instead of starting over. Created once: a claim's size
 * and class cannot change in place. Kept on deletion when Kafka and Cassandra are, so a re-created
 * library's stream goes on from its offsets; otherwise it goes with the library, and a new stream
 * starts from the beginning of the loans topic.
 */
@KubernetesDependent(
    informer =
        @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "ranking-stream"))
public class RankingCheckpointClaimDependentResource
    extends KeptWithDataDependentResource<PersistentVolumeClaim> {

  /** Creates the dependent. */
  public RankingCheckpointClaimDependentResource() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return claimName(library);
  }

  @Override
  protected boolean keptOnDelete(LegeribleLibrary library) {
    return rankingDataKept(library);
  }

  @Override
  protected PersistentVolumeClaim generate(LegeribleLibrary library) {
    Storage storage = library.getSpec().analytics.rankingStream.checkpointStorage;
    PersistentVolumeClaim claim =
        Skeleton.load(
            getClass(),
            "checkpoint-claim.yaml",
            PersistentVolumeClaim.class,
            library,
            Component.RANKING_STREAM,
            name(library));
    claim.getSpec().getResources().setRequests(Map.of("storage", new Quantity(storage.size)));
    if (storage.storageClass != null && !storage.storageClass.isBlank()) {
      claim.getSpec().setStorageClassName(storage.storageClass);
    }
    return claim;
  }

  /** The claim's name, for the stream's pod. */
  public static String claimName(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.RANKING_STREAM) + "-checkpoint";
  }
}
