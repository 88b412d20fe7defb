package io.legerible.operator.dependent.spark;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** What Spark drivers may do in the library's namespace. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "spark"))
public class SparkRoleDependentResource extends LibraryDependentResource<Role> {

  /** Creates the dependent. */
  public SparkRoleDependentResource() {
    super(Role.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.spark(library);
  }

  @Override
  public Role build(LegeribleLibrary library, DesiredInputs inputs) {
    Role object =
        Skeleton.load(getClass(), "role.yaml", Role.class, library, Component.SPARK, name(library));
    return object;
  }
}
