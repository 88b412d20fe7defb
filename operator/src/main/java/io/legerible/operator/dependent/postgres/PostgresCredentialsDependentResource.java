package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.EnvVar;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL user's generated password: created once and never updated (a Creator only), so a
 * reconcile never regenerates it; kept with a kept database, which still uses it. Only {@link
 * PasswordRotation} changes it, when asked to.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresCredentialsDependentResource extends KeptWithDataDependentResource<Secret> {

  /** Creates the dependent. */
  public PostgresCredentialsDependentResource() {
    super(Secret.class);
  }

  @Override
  protected boolean keptOnDelete(LegeribleLibrary library) {
    return databaseKept(library);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.postgresCredentials(library);
  }

  /** Key of the postgres superuser's password, which only the database pod reads. */
  public static final String SUPERUSER_PASSWORD_KEY = "superuser-password";

  /** Key of the SQL script that creates the application's role, run once after initdb. */
  public static final String ROLE_SCRIPT_KEY = "application-role.sql";

  /** The superuser's name, which the application's role may not take. */
  public static final String SUPERUSER = "postgres";

  /**
   * A new password answers the rotation the spec already names: only a later change of {@code
   * passwordRotation} rotates it.
   */
  @Override
  protected Secret generate(LegeribleLibrary library) {
    Secret secret =
        build(library, GeneratedPasswords.newPassword(), GeneratedPasswords.newPassword());
    String rotation = library.getSpec().postgres.managed.passwordRotation;
    if (rotation != null) {
      secret.getMetadata().setAnnotations(Map.of(PasswordRotation.ROTATION_ANNOTATION, rotation));
    }
    return secret;
  }

  /** The Secret with the given passwords for the library's database user and the superuser. */
  public static Secret build(LegeribleLibrary library, String password, String superuserPassword) {
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
    data.put(SUPERUSER_PASSWORD_KEY, superuserPassword);
    data.put(ROLE_SCRIPT_KEY, roleScript(library, password));
    secret.setStringData(data);
    return secret;
  }

  /**
   * The libpq variables (besides PGPORT and PGUSER, which the pod skeletons set) with which a psql
   * or pg_dump on the database's image reaches the library's database as the superuser, through the
   * Service.
   */
  public static List<EnvVar> superuserClient(LegeribleLibrary library) {
    return List.of(
        new EnvVar("PGHOST", LibraryNaming.serviceHost(library, Component.POSTGRES), null),
        new EnvVar("PGDATABASE", library.getSpec().postgres.managed.database, null),
        ConnectionContract.fromSecret(
            "PGPASSWORD",
            LibraryNaming.postgresCredentials(library),
            SUPERUSER_PASSWORD_KEY,
            false));
  }

  /**
   * The application's role: it logs in with the generated password and owns the database (so Flyway
   * creates the schema as it, and {@code pg_trgm}, a trusted extension, needs no superuser). Names
   * are safe identifiers by the CRD's patterns; the password is URL-safe Base64.
   */
  static String roleScript(LegeribleLibrary library, String password) {
    var postgres = library.getSpec().postgres.managed;
    return "CREATE ROLE \""
        + postgres.user
        + "\" LOGIN PASSWORD '"
        + password
        + "';\nALTER DATABASE \""
        + postgres.database
        + "\" OWNER TO \""
        + postgres.user
        + "\";\n";
  }
}
