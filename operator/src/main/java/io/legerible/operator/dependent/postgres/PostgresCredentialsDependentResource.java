package io.legerible.operator.dependent.postgres;

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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL user's generated password: created once and never updated (a Creator only), so a
 * reconcile never regenerates it.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresCredentialsDependentResource extends CreateOnlyDependentResource<Secret> {

  /** Creates the dependent. */
  public PostgresCredentialsDependentResource() {
    super(Secret.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.postgresCredentials(library);
  }

  @Override
  public Secret build(LegeribleLibrary library, DesiredInputs inputs) {
    return build(library, GeneratedPasswords.newPassword());
  }

  /** The Secret with the given password for the library's database user. */
  public static Secret build(LegeribleLibrary library, String password) {
    Secret secret =
        Skeleton.load(
            PostgresCredentialsDependentResource.class,
            "credentials-secret.yaml",
            Secret.class,
            library,
            Component.POSTGRES,
            LibraryNaming.postgresCredentials(library));
    Map<String, String> data = new LinkedHashMap<>();
    data.put(ConnectionContract.USERNAME_KEY, library.getSpec().postgres.managed.user);
    data.put(ConnectionContract.PASSWORD_KEY, password);
    secret.setStringData(data);
    return secret;
  }
}
