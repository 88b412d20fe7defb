package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.GeneratedPasswords;
import io.legerible.operator.dependent.KeptWithDataDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Map;

/**
 * The demo members' and the demo librarian's generated passwords: created once, never regenerated,
 * kept with a kept database (which stores their hashes).
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class DemoCredentialsDependentResource extends KeptWithDataDependentResource<Secret> {

  /** Creates the dependent. */
  public DemoCredentialsDependentResource() {
    super(Secret.class);
  }

  @Override
  protected boolean keptOnDelete(LegeribleLibrary library) {
    return databaseKept(library);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.demoCredentials(library);
  }

  /** Key of the demo librarian's password. */
  public static final String LIBRARIAN_PASSWORD_KEY = "librarian-password";

  @Override
  protected Secret generate(LegeribleLibrary library) {
    return build(library, GeneratedPasswords.newPassword(), GeneratedPasswords.newPassword());
  }

  /** The Secret holding the demo members' and the demo librarian's passwords. */
  public static Secret build(
      LegeribleLibrary library, String memberPassword, String librarianPassword) {
    Secret secret =
        Skeleton.load(
            DemoCredentialsDependentResource.class,
            "demo-credentials-secret.yaml",
            Secret.class,
            library,
            Component.WEBAPP,
            LibraryNaming.demoCredentials(library));
    secret.setStringData(
        Map.of(
            ConnectionContract.PASSWORD_KEY,
            memberPassword,
            LIBRARIAN_PASSWORD_KEY,
            librarianPassword));
    return secret;
  }
}
