package io.legerible.operator.dependent.spark;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** The ServiceAccount Spark drivers run as. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "spark"))
public class SparkServiceAccountDependentResource extends LibraryDependentResource<ServiceAccount> {

  /** Creates the dependent. */
  public SparkServiceAccountDependentResource() {
    super(ServiceAccount.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.spark(library);
  }

  @Override
  public ServiceAccount build(LegeribleLibrary library, DesiredInputs inputs) {
    ServiceAccount object =
        Skeleton.load(
            getClass(),
            "serviceaccount.yaml",
            ServiceAccount.class,
            library,
            Component.SPARK,
            name(library));
    return object;
  }
}
