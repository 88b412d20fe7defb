package io.legerible.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubeApiServerIT {

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: shelves.smoke.legerible.io
      spec:
        group: smoke.legerible.io
        scope: Namespaced
        names: {plural: shelves, singular: shelf, kind: Shelf}
        versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                      - rule: "self.minReplicas <= self.maxReplicas"
                        message: "minReplicas must not exceed maxReplicas"
                    properties:
                      minReplicas: {type: integer}
                      maxReplicas: {type: integer}
                  status:
                    type: object
                    properties:
                      observedGeneration: {type: integer}
      """;

  private static final ResourceDefinitionContext SHELVES =
      new ResourceDefinitionContext.Builder()
          .withGroup("smoke.legerible.io")
          .withVersion("v1")
          .withKind("Shelf")
          .withPlural("shelves")
          .withNamespaced(true)
          .build();

  private static final PatchContext APPLY =
      new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY)
          .withFieldManager("smoke-test")
          .withForce(true)
          .build();

  private static KubernetesClient client;

  @BeforeAll
  static void applyCrd() {
    client = KubeApiServer.shared().newClient();
    CustomResourceDefinition crd = Serialization.unmarshal(CRD, CustomResourceDefinition.class);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).patch(APPLY);
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("shelves.smoke.legerible.io")
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            30,
            TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void crdIsServedWithServerSideApplyStatusAndCelValidation() {
    GenericKubernetesResource created =
        client
            .genericKubernetesResources(SHELVES)
            .inNamespace("default")
            .resource(shelf("a", 1, 2))
            .create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    GenericKubernetesResource applied =
        client
            .genericKubernetesResources(SHELVES)
            .inNamespace("default")
            .resource(shelf("a", 1, 5))
            .patch(APPLY);
    assertThat(applied.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("smoke-test"));
    assertThat(spec(applied)).containsEntry("maxReplicas", 5);

    applied.setAdditionalProperty("status", Map.of("observedGeneration", 2));
    client
        .genericKubernetesResources(SHELVES)
        .inNamespace("default")
        .resource(applied)
        .updateStatus();
    GenericKubernetesResource read =
        client.genericKubernetesResources(SHELVES).inNamespace("default").withName("a").get();
    assertThat(read.getAdditionalProperties().get("status"))
        .isEqualTo(Map.of("observedGeneration", 2));
    assertThat(read.getMetadata().getGeneration())
        .as("a status write does not bump the generation")
        .isEqualTo(2L);

    assertThatThrownBy(
            () ->
                client
                    .genericKubernetesResources(SHELVES)
                    .inNamespace("default")
                    .resource(shelf("a", 9, 3))
                    .patch(APPLY))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("minReplicas must not exceed maxReplicas");
            });
  }

  @Test
  void kubeconfigPointsAtTheLoopbackServer() {
    assertThat(KubeApiServer.shared().kubeconfig()).contains("server: https://127.0.0.1:");
    assertThat(client.getKubernetesVersion().getGitVersion())
        .isEqualTo("v" + KubernetesBinaries.KUBERNETES_VERSION);
  }

  private static GenericKubernetesResource shelf(String name, int min, int max) {
    GenericKubernetesResource shelf = new GenericKubernetesResource();
    shelf.setApiVersion("smoke.legerible.io/v1");
    shelf.setKind("Shelf");
    shelf.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("default")
            .build());
    shelf.setAdditionalProperty("spec", Map.of("minReplicas", min, "maxReplicas", max));
    return shelf;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }
}
