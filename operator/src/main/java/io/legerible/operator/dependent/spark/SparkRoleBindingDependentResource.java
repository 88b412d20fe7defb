package io.legerible.operator.dependent.spark;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;

/** Grants the Spark Role to the Spark ServiceAccount. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "spark"))
public class SparkRoleBindingDependentResource extends LibraryDependentResource<RoleBinding> {

  /** Creates the dependent. */
  public SparkRoleBindingDependentResource() {
    super(RoleBinding.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.spark(library);
  }

  @Override
  public RoleBinding build(LegeribleLibrary library, DesiredInputs inputs) {
    RoleBinding object =
        Skeleton.load(
            getClass(),
            "rolebinding.yaml",
            RoleBinding.class,
            library,
            Component.SPARK,
            name(library));
    object.getRoleRef().setName(name(library));
    object.getSubjects().get(0).setName(name(library));
    object.getSubjects().get(0).setNamespace(library.getMetadata().getNamespace());
    return object;
  }
}
