package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.CreateOnlyDependentResource;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.GeneratedPasswords;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/** The demo members' generated password: created once, never regenerated. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class DemoCredentialsDependentResource extends CreateOnlyDependentResource<Secret> {

  /** Creates the dependent. */
  public DemoCredentialsDependentResource() {
    super(Secret.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.demoCredentials(library);
  }

  @Override
  public Secret build(LegeribleLibrary library, DesiredInputs inputs) {
    return build(library, GeneratedPasswords.newPassword());
  }

  /** The Secret holding {@code password}. */
  public static Secret build(LegeribleLibrary library, String password) {
    Secret secret =
        Skeleton.load(
            DemoCredentialsDependentResource.class,
            "demo-credentials-secret.yaml",
            Secret.class,
            library,
            Component.WEBAPP,
            LibraryNaming.demoCredentials(library));
    secret.setStringData(Map.of(ConnectionContract.PASSWORD_KEY, password));
    return secret;
  }
}
