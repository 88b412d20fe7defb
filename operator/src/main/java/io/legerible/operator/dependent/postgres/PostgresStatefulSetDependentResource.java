package io.legerible.operator.dependent.postgres;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedPostgres;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.ContainerResources;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.StatefulSetWithClaimsDependentResource;
import io.legerible.operator.dependent.StatefulSets;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL server: a one-replica StatefulSet with its data on a claim. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "postgres"))
public class PostgresStatefulSetDependentResource extends StatefulSetWithClaimsDependentResource {

  /** Creates the dependent. */
  public PostgresStatefulSetDependentResource() {
    super(Component.POSTGRES);
  }

  @Override
  public StatefulSet build(LegeribleLibrary library, DesiredInputs inputs) {
    ManagedPostgres postgres = library.getSpec().postgres.managed;
    StatefulSet statefulSet =
        Skeleton.load(
            getClass(),
            "statefulset.yaml",
            StatefulSet.class,
            library,
            Component.POSTGRES,
            name(library));
    StatefulSets.identify(statefulSet, library, Component.POSTGRES, 1);
    StatefulSets.claims(
        statefulSet, library, Component.POSTGRES, postgres.storage, postgres.retainOnDelete);
    var template = statefulSet.getSpec().getTemplate();
    var container = PodTemplates.container(template, "postgres");
    container.setImage(DefaultImages.orDefault(postgres.image, inputs.images().postgres()));
    String secret = LibraryNaming.postgresCredentials(library);
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("POSTGRES_DB", postgres.database, null));
    env.add(new EnvVar("POSTGRES_USER", PostgresCredentialsDependentResource.SUPERUSER, null));
    env.add(
        ConnectionContract.fromSecret(
            "POSTGRES_PASSWORD",
            secret,
            PostgresCredentialsDependentResource.SUPERUSER_PASSWORD_KEY,
            false));
    env.addAll(container.getEnv());
    container.setEnv(env);
    ContainerResources.apply(container, postgres.resources);
    PodPlacement.apply(template.getSpec(), postgres.placement);
    template.getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals("init"))
        .forEach(volume -> volume.getSecret().setSecretName(secret));
    Map<String, String> hashes = new LinkedHashMap<>();
    inputs.secretHash(secret).ifPresent(hash -> hashes.put(secret, hash));
    PodTemplates.annotateHashes(template, library, hashes);
    return statefulSet;
  }
}
