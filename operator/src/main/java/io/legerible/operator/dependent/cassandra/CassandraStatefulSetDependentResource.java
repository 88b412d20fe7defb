package io.legerible.operator.dependent.cassandra;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.CassandraSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedCassandra;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.StatefulSetWithClaimsDependentResource;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cassandra ring: node 0 seeds the others, data on a claim per node; resized by {@link
 * CassandraRing}.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "cassandra"))
public class CassandraStatefulSetDependentResource extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public CassandraStatefulSetDependentResource() {
    super(Component.CASSANDRA);
  }

  /** The replicas the ring's resize has reached, not yet the spec's when it must shrink. */
  @Override
  protected StatefulSet desired(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    StatefulSet desired = super.desired(library, context);
    CassandraRing.shared(context)
        .ifPresent(
            replicas -> StatefulSets.identify(desired, library, Component.CASSANDRA, replicas));
    return desired;
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    CassandraSpec spec = library.getSpec().cassandra;
    ManagedCassandra cassandra = spec.managed;
    StatefulSet statefulSet =
        Skeleton.load(
            getClass(),
            "statefulset.yaml",
            StatefulSet.class,
            library,
            Component.CASSANDRA,
            name(library));
    StatefulSets.identify(statefulSet, library, Component.CASSANDRA, cassandra.replicas);
    StatefulSets.claims(
        statefulSet, library, Component.CASSANDRA, cassandra.storage, cassandra.retainOnDelete);
    var template = statefulSet.getSpec().getTemplate();
    var container = PodTemplates.container(template, "cassandra");
    container.setImage(DefaultImages.orDefault(cassandra.image, inputs.images().cassandra()));
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    env.add(new EnvVar("CASSANDRA_CLUSTER_NAME", name(library), null));
    env.add(new EnvVar("CASSANDRA_DC", spec.localDatacenter, null));
    env.add(
        new EnvVar(
            "CASSANDRA_SEEDS", LibraryNaming.podHost(library, Component.CASSANDRA, 0), null));
    env.add(new EnvVar("MAX_HEAP_SIZE", cassandra.heapSize, null));
    env.add(new EnvVar("HEAP_NEWSIZE", "128M", null));
    container.setEnv(env);
    ContainerResources.apply(container, cassandra.resources);
    PodPlacement.apply(template.getSpec(), cassandra.placement);
    PodPlacement.spreadOverNodes(template, library, Component.CASSANDRA);
    return statefulSet;
  }
}
