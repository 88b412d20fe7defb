package io.legerible.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.operator.api.ExternalPostgres;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Libraries and builder inputs for pure tests. */
public final class Libraries {

  private Libraries() {}

  /** Library "city" in namespace "town" with default settings, changed by {@code spec}. */
  public static LegeribleLibrary city(Consumer<LegeribleLibrarySpec> spec) {
    LegeribleLibrary library = new LegeribleLibrary();
    library.setMetadata(
        new ObjectMetaBuilder()
            .withName("city")
            .withNamespace("town")
            .withGeneration(1L)
            .withUid("6a1f6a5e-2a64-4bde-9b7c-8f7a3ac9e1d2")
            .withCreationTimestamp("2026-11-25T10:00:00Z")
            .build());
    LegeribleLibrarySpec defaults = new LegeribleLibrarySpec();
    spec.accept(defaults);
    library.setSpec(defaults);
    return library;
  }

  /**
   * Points {@code spec} at an external PostgreSQL (db.example.org:5432, database "library") that
   * the programs log in to with the user and password of Secret {@code credentialsSecret}.
   */
  public static void useExternalPostgres(LegeribleLibrarySpec spec, String credentialsSecret) {
    spec.postgres.managed = null;
    spec.postgres.external = new ExternalPostgres();
    spec.postgres.external.endpoints = List.of("db.example.org:5432");
    spec.postgres.external.database = "library";
    spec.postgres.external.credentialsSecret = credentialsSecret;
  }

  /** Library "city" in namespace "town" with default settings. */
  public static LegeribleLibrary city() {
    return city(spec -> {});
  }

  /** The library of a file of crds/examples, in namespace "town". */
  public static LegeribleLibrary example(String file) {
    try {
      LegeribleLibrary library =
          Serialization.unmarshal(
              Files.readString(ProjectLayout.root().resolve("crds/examples").resolve(file)),
              LegeribleLibrary.class);
      library.getMetadata().setNamespace("town");
      library.getMetadata().setGeneration(1L);
      return library;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Built-in images, no Secret known yet. */
  public static DesiredInputs inputs() {
    return DesiredInputs.of(DefaultImages.BUILT_IN, Map.of());
  }

  /** Built-in images and the given Secrets, by name, with their data. */
  public static DesiredInputs inputs(Map<String, Map<String, String>> secrets) {
    return DesiredInputs.of(DefaultImages.BUILT_IN, secrets);
  }

  /** A copy of {@code statefulSet} as its controller reports it after rolling out to ready pods. */
  public static StatefulSet readyStatefulSet(StatefulSet statefulSet) {
    StatefulSet copy = Serialization.clone(statefulSet);
    copy.getMetadata().setGeneration(1L);
    int replicas = copy.getSpec().getReplicas();
    copy.setStatus(
        new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
            .withObservedGeneration(1L)
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withCurrentRevision("r1")
            .withUpdateRevision("r1")
            .build());
    return copy;
  }

  /** A copy of {@code deployment} as its controller reports it once every replica is available. */
  public static Deployment readyDeployment(Deployment deployment) {
    Deployment copy = Serialization.clone(deployment);
    copy.getMetadata().setGeneration(1L);
    int replicas = copy.getSpec().getReplicas();
    copy.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withObservedGeneration(1L)
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .build());
    return copy;
  }
}
