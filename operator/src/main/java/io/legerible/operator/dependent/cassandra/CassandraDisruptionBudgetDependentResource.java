package io.legerible.operator.dependent.cassandra;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.dependent.PodDisruptionBudgetDependentResource;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The Cassandra nodes' PodDisruptionBudget: a drain evicts one pod at a time. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "cassandra"))
public class CassandraDisruptionBudgetDependentResource
    extends PodDisruptionBudgetDependentResource {

  /** Creates the dependent. */
  public CassandraDisruptionBudgetDependentResource() {
    super(Component.CASSANDRA);
  }
}
