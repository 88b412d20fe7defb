package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user's credential Secrets a library names (an external PostgreSQL or Cassandra): watched, so
 * that rotating a password rolls the programs that read it, as a generated one does. Only Secrets
 * carrying {@link LibraryNaming#WATCHED_CREDENTIALS_LABEL} are watched; the operator labels each
 * one a library names.
 */
final class ExternalCredentials {

  private ExternalCredentials() {}

  /** The event source of the labelled Secrets, each mapped to the libraries naming it. */
  static InformerEventSource<Secret, LegeribleLibrary> eventSource(
      EventSourceContext<LegeribleLibrary> context) {
    PrimaryToSecondaryMapper<LegeribleLibrary> named =
        library ->
            ConnectionContract.externalSecretsRead(library).stream()
                .map(name -> new ResourceID(name, library.getMetadata().getNamespace()))
                .collect(Collectors.toSet());
    var configuration =
        InformerEventSourceConfiguration.from(Secret.class, LegeribleLibrary.class)
            .withName("external-credentials")
            .withLabelSelector(LibraryNaming.WATCHED_CREDENTIALS_LABEL + "=true")
            .withPrimaryToSecondaryMapper(named)
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .list(secret.getMetadata().getNamespace())
                        .filter(
                            library ->
                                ConnectionContract.externalSecretsRead(library)
                                    .contains(secret.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /**
   * Labels each credential Secret the library names that is not watched yet. One that does not
   * exist is left alone: the pods that need it report it, and creating it is an event once labelled
   * on the next pass.
   */
  static void watch(LegeribleLibrary library, Context<LegeribleLibrary> context) {
    Set<String> watched =
        context
            .getSecondaryResourcesAsStream(Secret.class)
            .map(secret -> secret.getMetadata().getName())
            .collect(Collectors.toSet());
    for (String name : ConnectionContract.externalSecretsRead(library)) {
      if (watched.contains(name)) {
        continue;
      }
      var secret =
          context
              .getClient()
              .secrets()
              .inNamespace(library.getMetadata().getNamespace())
              .withName(name);
      if (secret.get() != null) {
        secret.patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\""
                + LibraryNaming.WATCHED_CREDENTIALS_LABEL
                + "\":\"true\"}}}");
      }
    }
  }
}
