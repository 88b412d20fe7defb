package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.legerible.operator.naming.Component;
import io.legerible.operator.testing.Libraries;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VolumeExpansionTest {

  static final String POSTGRES = "legerible-city-postgres";

  @Test
  void claimsSmallerThanTheSizeGrowWhenTheirClassAllowsExpansion() {
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "2Gi",
            List.of(claim("data-legerible-city-postgres-0", "expandable", "1Gi", "1Gi")),
            classes(storageClass("expandable", true)));

    assertThat(plan.refused()).isFalse();
    assertThat(plan.toGrow())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("data-legerible-city-postgres-0");
    assertThat(plan.resizing())
        .containsExactly("claim data-legerible-city-postgres-0 is asked to grow from 1Gi to 2Gi");
  }

  @Test
  void growingIsRefusedNamingTheClassAndWhatToDoWhenItDoesNotAllowExpansion() {
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "2Gi",
            List.of(claim("data-legerible-city-postgres-0", "standard", "1Gi", "1Gi")),
            classes(storageClass("standard", null)));

    assertThat(plan.refused()).isTrue();
    assertThat(plan.refusal())
        .contains("claims data-legerible-city-postgres-0 of StatefulSet " + POSTGRES)
        .contains("stay at 1Gi although storage.size asks for 2Gi")
        .contains("StorageClass standard does not allow volume expansion")
        .contains("set allowVolumeExpansion: true on the class");
    assertThat(plan.resizing()).isEmpty();
  }

  @Test
  void growingIsRefusedWhenTheClassDoesNotExist() {
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "2Gi",
            List.of(claim("data-legerible-city-postgres-0", "gone", "1Gi", "1Gi")),
            classes());

    assertThat(plan.refusal()).contains("StorageClass gone does not exist");
  }

  @Test
  void claimsAsLargeAsTheSizeAskNoStorageClassAndComparedByAmountNotSpelling() {
    Function<String, Optional<StorageClass>> noLookups =
        name -> {
          throw new AssertionError("looked up StorageClass " + name);
        };
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "1024Mi",
            List.of(claim("data-legerible-city-postgres-0", "standard", "1Gi", "1Gi")),
            noLookups);

    assertThat(plan.refused()).isFalse();
    assertThat(plan.toGrow()).isEmpty();
    assertThat(plan.resizing()).isEmpty();
    assertThat(plan.templateDiffers(new Quantity("1Gi"))).isFalse();
    assertThat(plan.templateDiffers(new Quantity("512Mi"))).isTrue();
  }

  @Test
  void claimsOfOtherStatefulSetsAreNotTouched() {
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "2Gi",
            List.of(
                claim("data-legerible-city-kafka-0", "standard", "1Gi", "1Gi"),
                claim("legerible-city-ranking-stream-checkpoint", "standard", "1Gi", "1Gi")),
            classes());

    assertThat(plan.claims()).isEmpty();
    assertThat(plan.refused()).isFalse();
  }

  @Test
  void claimWhoseVolumeIsStillSmallerIsReportedResizingWithRequestedAndCurrentSizes() {
    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES,
            "2Gi",
            List.of(claim("data-legerible-city-postgres-0", "expandable", "2Gi", "1Gi")),
            classes(storageClass("expandable", true)));

    assertThat(plan.toGrow()).isEmpty();
    assertThat(plan.resizing())
        .containsExactly(
            "claim data-legerible-city-postgres-0 is resizing: requested 2Gi, current capacity"
                + " 1Gi (waiting for the storage provisioner to expand the volume)");
  }

  @Test
  void fileSystemResizePendingSaysWhichPodMustRestart() {
    PersistentVolumeClaim pending =
        new PersistentVolumeClaimBuilder(
                claim("data-legerible-city-postgres-0", "expandable", "2Gi", "1Gi"))
            .editStatus()
            .addToConditions(
                new PersistentVolumeClaimConditionBuilder()
                    .withType("FileSystemResizePending")
                    .withStatus("True")
                    .build())
            .endStatus()
            .build();

    VolumeExpansion plan =
        VolumeExpansion.plan(
            POSTGRES, "2Gi", List.of(pending), classes(storageClass("expandable", true)));

    assertThat(plan.resizing())
        .singleElement()
        .asString()
        .contains("requested 2Gi, current capacity 1Gi")
        .contains("its file system grows when pod legerible-city-postgres-0 restarts")
        .contains("delete the pod");
  }

  @Test
  void everyStatefulSetTheOperatorRunsHasAPlanAndExternalServicesNone() {
    var library =
        Libraries.city(
            spec -> {
              Libraries.useExternalPostgres(spec, "db");
              spec.kafka.managed.storage.size = "3Gi";
            });

    var plans =
        VolumeExpansion.planAll(
            library,
            List.of(
                claim("data-legerible-city-kafka-0", "expandable", "1Gi", "1Gi"),
                claim("data-legerible-city-kafka-broker-0", "expandable", "1Gi", "1Gi"),
                claim("data-legerible-city-kafka-broker-1", "expandable", "3Gi", "3Gi")),
            classes(storageClass("expandable", true)));

    assertThat(plans)
        .containsOnlyKeys(Component.KAFKA, Component.KAFKA_BROKER, Component.CASSANDRA);
    assertThat(plans.get(Component.KAFKA).toGrow())
        .extracting(claim -> claim.getMetadata().getName())
        .containsExactly("data-legerible-city-kafka-0");
    assertThat(plans.get(Component.KAFKA_BROKER).toGrow())
        .extracting(claim -> claim.getMetadata().getName())
        .containsExactly("data-legerible-city-kafka-broker-0");
    assertThat(plans.get(Component.CASSANDRA).toGrow()).isEmpty();
  }

  static PersistentVolumeClaim claim(
      String name, String storageClass, String request, String capacity) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("town")
        .endMetadata()
        .withNewSpec()
        .withStorageClassName(storageClass)
        .withNewResources()
        .addToRequests("storage", new Quantity(request))
        .endResources()
        .endSpec()
        .withNewStatus()
        .withPhase("Bound")
        .addToCapacity("storage", new Quantity(capacity))
        .endStatus()
        .build();
  }

  static StorageClass storageClass(String name, Boolean allowVolumeExpansion) {
    return new StorageClassBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withProvisioner("kubernetes.io/host-path")
        .withAllowVolumeExpansion(allowVolumeExpansion)
        .build();
  }

  static Function<String, Optional<StorageClass>> classes(StorageClass... known) {
    Map<String, StorageClass> byName =
        Arrays.stream(known).collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
    return name -> Optional.ofNullable(byName.get(name));
  }
}
