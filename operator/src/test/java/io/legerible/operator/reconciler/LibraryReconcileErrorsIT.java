package io.legerible.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.legerible.operator.LibraryOperator;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.chart.HelmCli;
import io.legerible.operator.config.OperatorSettings;
import io.legerible.operator.status.ConditionTypes;
import io.legerible.operator.status.Conditions;
import io.legerible.operator.testing.RunningOperator;
import io.legerible.testkit.kubernetes.KubeApiServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reconciliation the API server refuses (RBAC, an admission policy, an object in the way) shows
 * on the library as Ready=False with reason ReconcileError naming the object and the server's
 * message, with a Warning Event, and clears on its own once the cause is fixed. One operator per
 * test, watching only that test's namespace, so it can run with other rights than an
 * administrator's.
 */
class LibraryReconcileErrorsIT {

  static KubernetesClient admin;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  @BeforeAll
  static void installCrd() {
    admin = KubeApiServer.shared().newClient();
    RunningOperator.installCrd(admin);
  }

  @AfterAll
  static void closeClient() {
    admin.close();
  }

  @AfterEach
  void removeWhatTheTestMade() {
    cleanups.forEach(Runnable::run);
    namespaces.forEach(ns -> admin.namespaces().withName(ns).delete());
  }

  @Test
  void operatorWithoutTheRightToWriteServicesSaysSoAndHealsOnceGranted() throws Exception {
    String namespace = namespace("rbac");
    String user = "system:serviceaccount:" + namespace + ":operator";
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("operator")
                .endMetadata()
                .build())
        .create();
    // The chart's own rules, except that Services may only be read: a chart that forgot a verb.
    ClusterRole chartRole = chartClusterRole("legerible-test-" + namespace);
    ClusterRole withoutServiceWrites =
        new ClusterRoleBuilder(chartRole)
            .withRules(readOnly(chartRole.getRules(), "services"))
            .build();
    admin.rbac().clusterRoles().resource(withoutServiceWrites).create();
    cleanups.add(() -> admin.rbac().clusterRoles().resource(withoutServiceWrites).delete());
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("operator")
                .endMetadata()
                .withNewRoleRef(
                    "rbac.authorization.k8s.io", "ClusterRole", chartRole.getMetadata().getName())
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("operator")
                .withNamespace(namespace)
                .endSubject()
                .build())
        .create();

    try (KubernetesClient asOperator = impersonating(user, namespace)) {
      runOperator(
          asOperator,
          namespace,
          () -> {
            admin.resource(RunningOperator.example("minimal.yaml", namespace)).create();
            Condition refused =
                awaitReconcileError(
                    namespace, m -> m.contains("cannot patch resource \"services\""));
            assertThat(refused.getMessage())
                .contains("services legerible-city-memcached refused (HTTP 403)")
                .contains(user);
            assertWarningEvent(namespace, "cannot patch resource \"services\"");

            admin.rbac().clusterRoles().resource(chartRole).update();
            awaitCleared(namespace);
            assertThat(
                    admin
                        .services()
                        .inNamespace(namespace)
                        .withName("legerible-city-memcached")
                        .get())
                .isNotNull();
          });
    }
  }

  @Test
  void admissionPolicyRefusalIsReportedAndClearsOnceLifted() throws Exception {
    String namespace = namespace("admission");
    admin
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put("legerible-test/no-platform-config", "true");
              return ns;
            });
    GenericKubernetesResource policy =
        Serialization.unmarshal(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: no-platform-config-%1$s
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                  - apiGroups: [""]
                    apiVersions: ["v1"]
                    operations: ["CREATE", "UPDATE"]
                    resources: ["configmaps"]
              validations:
                - expression: "!object.metadata.name.endsWith('-platform')"
                  message: "platform ConfigMaps are not allowed in this namespace (site policy)"
            """
                .formatted(namespace),
            GenericKubernetesResource.class);
    GenericKubernetesResource binding =
        Serialization.unmarshal(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata:
              name: no-platform-config-%1$s
            spec:
              policyName: no-platform-config-%1$s
              validationActions: [Deny]
              matchResources:
                namespaceSelector:
                  matchLabels:
                    legerible-test/no-platform-config: "true"
            """
                .formatted(namespace),
            GenericKubernetesResource.class);
    admin.resource(policy).create();
    cleanups.add(() -> admin.resource(policy).delete());
    admin.resource(binding).create();
    cleanups.add(() -> admin.resource(binding).delete());
    // The policy takes effect once the API server has loaded it.
    await()
        .atMost(RunningOperator.patience())
        .until(
            () -> {
              try {
                admin
                    .configMaps()
                    .inNamespace(namespace)
                    .resource(
                        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("probe-platform")
                            .endMetadata()
                            .build())
                    .dryRun()
                    .create();
                return false;
              } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                return e.getCode() == 422 || e.getCode() == 403;
              }
            });

    runOperator(
        admin,
        namespace,
        () -> {
          admin.resource(RunningOperator.example("minimal.yaml", namespace)).create();
          Condition refused = awaitReconcileError(namespace, m -> m.contains("site policy"));
          assertThat(refused.getMessage()).contains("legerible-city-platform refused (HTTP 422)");
          assertWarningEvent(namespace, "site policy");

          admin.resource(binding).delete();
          awaitCleared(namespace);
          assertThat(
                  admin
                      .configMaps()
                      .inNamespace(namespace)
                      .withName("legerible-city-platform")
                      .get())
              .isNotNull();
        });
  }

  @Test
  void objectInTheWayIsReportedAndClearsOnceItIsGone() throws Exception {
    String namespace = namespace("in-the-way");
    // Someone else's StatefulSet under the operator's name and labels, with another selector and
    // service. (Changes the spec could make to immutable fields are refused by the CRD's rules
    // before any reconciliation, so a foreign object is how a refusal of this kind arises.)
    Map<String, String> labels =
        Map.of(
            "app.kubernetes.io/name", "legerible",
            "app.kubernetes.io/instance", "city",
            "app.kubernetes.io/component", "postgres",
            "app.kubernetes.io/managed-by", "legerible-operator",
            "app.kubernetes.io/part-of", "legerible");
    admin
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("legerible-city-postgres")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withServiceName("squatter")
                .withNewSelector()
                .withMatchLabels(Map.of("squatter", "yes"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("squatter", "yes"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("squatter")
                .withImage("squatter:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();

    runOperator(
        admin,
        namespace,
        () -> {
          admin.resource(RunningOperator.example("minimal.yaml", namespace)).create();
          Condition refused =
              awaitReconcileError(namespace, m -> m.contains("legerible-city-postgres refused"));
          assertThat(refused.getMessage())
              .contains("statefulsets legerible-city-postgres refused (HTTP 409)")
              .contains("Operation cannot be fulfilled");
          assertWarningEvent(namespace, "statefulsets legerible-city-postgres refused (HTTP 409)");

          admin
              .apps()
              .statefulSets()
              .inNamespace(namespace)
              .withName("legerible-city-postgres")
              .delete();
          awaitCleared(namespace);
          await()
              .atMost(RunningOperator.patience())
              .untilAsserted(
                  () ->
                      assertThat(
                              admin
                                  .apps()
                                  .statefulSets()
                                  .inNamespace(namespace)
                                  .withName("legerible-city-postgres")
                                  .get()
                                  .getSpec()
                                  .getServiceName())
                          .isEqualTo("legerible-city-postgres"));
        });
  }

  private String namespace(String prefix) {
    String name = prefix + "-" + Long.toHexString(System.nanoTime()).substring(6);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("legerible-test", "reconcile-errors"))
                .endMetadata()
                .build())
        .create();
    namespaces.add(name);
    return name;
  }

  /** Runs the operator through {@code client}, watching only {@code namespace}, while work runs. */
  private static void runOperator(KubernetesClient client, String namespace, ThrowingRunnable work)
      throws Exception {
    Operator operator =
        LibraryOperator.create(
            client,
            new OperatorSettings(Set.of(namespace), 0, false, null, Duration.ZERO),
            new SimpleMeterRegistry());
    try {
      operator.start();
      work.run();
    } finally {
      operator.stop();
    }
  }

  /** A client acting as {@code user}, a ServiceAccount of {@code namespace}. */
  private static KubernetesClient impersonating(String user, String namespace) {
    Config config = Config.fromKubeconfig(KubeApiServer.shared().kubeconfig());
    config.setImpersonateUsername(user);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The chart's ClusterRole for the operator, renamed. */
  private static ClusterRole chartClusterRole(String name) {
    JsonNode rendered = HelmCli.template().named("ClusterRole", "legerible-operator");
    ClusterRole role = Serialization.unmarshal(rendered.toString(), ClusterRole.class);
    role.getMetadata().setName(name);
    role.getMetadata().setNamespace(null);
    return role;
  }

  /** {@code rules} with {@code resource} taken out of its rule and granted read-only. */
  private static List<PolicyRule> readOnly(List<PolicyRule> rules, String resource) {
    List<PolicyRule> result = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (rule.getResources().contains(resource) && rule.getApiGroups().contains("")) {
        List<String> others = new ArrayList<>(rule.getResources());
        others.remove(resource);
        result.add(new PolicyRuleBuilder(rule).withResources(others).build());
        result.add(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources(resource)
                .withVerbs("get", "list", "watch")
                .build());
      } else {
        result.add(rule);
      }
    }
    return result;
  }

  private static Condition awaitReconcileError(
      String namespace, Function<String, Boolean> messageMatches) {
    Condition[] found = new Condition[1];
    await()
        .atMost(RunningOperator.patience())
        .untilAsserted(
            () -> {
              LegeribleLibrary library = library(namespace);
              assertThat(library.getStatus()).isNotNull();
              Condition ready =
                  Conditions.find(library.getStatus().conditions, ConditionTypes.READY)
                      .orElseThrow();
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("ReconcileError");
              assertThat(messageMatches.apply(ready.getMessage()))
                  .as("message %s", ready.getMessage())
                  .isTrue();
              assertThat(ready.getObservedGeneration())
                  .isEqualTo(library.getMetadata().getGeneration());
              assertThat(library.getStatus().phase).isEqualTo("Error");
              found[0] = ready;
            });
    return found[0];
  }

  /** Waits until a reconciliation succeeded again: Ready no longer says ReconcileError. */
  private static void awaitCleared(String namespace) {
    await()
        .atMost(RunningOperator.patience().multipliedBy(2))
        .untilAsserted(
            () -> {
              LegeribleLibrary library = library(namespace);
              Condition ready =
                  Conditions.find(library.getStatus().conditions, ConditionTypes.READY)
                      .orElseThrow();
              assertThat(ready.getReason()).isEqualTo("ComponentsNotReady");
              assertThat(library.getStatus().phase).isNotEqualTo("Error");
            });
  }

  private static void assertWarningEvent(String namespace, String messagePart) {
    await()
        .atMost(RunningOperator.patience())
        .untilAsserted(
            () ->
                assertThat(admin.v1().events().inNamespace(namespace).list().getItems())
                    .anySatisfy(
                        event -> {
                          assertThat(event.getType()).isEqualTo("Warning");
                          assertThat(event.getReason()).isEqualTo("ReconcileError");
                          assertThat(event.getMessage()).contains(messagePart);
                          assertThat(event.getInvolvedObject().getName()).isEqualTo("city");
                        }));
  }

  private static LegeribleLibrary library(String namespace) {
    return admin.resources(LegeribleLibrary.class).inNamespace(namespace).withName("city").get();
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
