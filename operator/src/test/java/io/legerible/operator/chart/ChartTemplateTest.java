package io.legerible.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legerible.operator.bench.OperatorJvm;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.config.OperatorSettings;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm lint} and {@code helm template} of helm/legerible, the rendered objects parsed. */
class ChartTemplateTest {

  @TempDir Path values;

  @Test
  void lintIsCleanWithDefaultAndNonDefaultValues() throws IOException {
    Path namespaced = write("namespaced.yaml", namespacedWithLibrary());
    for (HelmCli.Result lint :
        List.of(
            HelmCli.run("lint", "--strict", HelmCli.CHART.toString()),
            HelmCli.run(
                "lint", "--strict", HelmCli.CHART.toString(), "--values", namespaced.toString()))) {
      assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
      assertThat(lint.stdout())
          .contains("1 chart(s) linted, 0 chart(s) failed")
          .doesNotContain("[WARNING]")
          .doesNotContain("[ERROR]");
    }
  }

  @Test
  void defaultValuesInstallAClusterWideOperator() {
    RenderedChart chart = HelmCli.template();

    assertThat(chart.identities())
        .containsExactly(
            "ClusterRole legerible-operator",
            "ClusterRole legerible-operator-storage-classes",
            "ClusterRoleBinding legerible-operator",
            "ClusterRoleBinding legerible-operator-storage-classes",
            "ConfigMap ops/legerible-operator",
            "Deployment ops/legerible-operator",
            "Role ops/legerible-operator-leader-election",
            "RoleBinding ops/legerible-operator-leader-election",
            "Service ops/legerible-operator",
            "ServiceAccount ops/legerible");
    JsonNode binding = chart.named("ClusterRoleBinding", "legerible-operator");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("legerible-operator");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("legerible");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("ops");

    OperatorSettings settings = OperatorSettings.from(configMapData(chart));
    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.httpPort()).isEqualTo(8080);
  }

  @Test
  void operatorDeploymentIsProbedNonRootReadOnlyAndReadsItsConfigMap() throws IOException {
    JsonNode deployment = HelmCli.template().one("Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(container.path("image").asText()).isEqualTo("legerible/operator:" + appVersion());
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("legerible");
    assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
    assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("100m");
    assertThat(container.at("/envFrom/0/configMapRef/name").asText())
        .isEqualTo("legerible-operator");
    assertThat(container.at("/env/0/name").asText()).isEqualTo("POD_NAMESPACE");
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asText())
        .matches("[0-9a-f]{64}");
    assertThat(deployment.at("/spec/selector/matchLabels"))
        .isEqualTo(
            RenderedChart.YAML.readTree(
                "{app.kubernetes.io/name: legerible, app.kubernetes.io/instance: legerible,"
                    + " app.kubernetes.io/component: operator}"));
  }

  @Test
  void operatorPodRunsWithTheJvmOptionsTheBenchmarkMeasures() {
    JsonNode env = HelmCli.template().one("Deployment").at("/spec/template/spec/containers/0/env");

    assertThat(env.findParents("name"))
        .filteredOn(variable -> "JAVA_TOOL_OPTIONS".equals(variable.path("name").asText()))
        .extracting(variable -> variable.path("value").asText())
        .containsExactly(String.join(" ", OperatorJvm.options()));
  }

  @Test
  void configMapCarriesExactlyTheVariablesTheOperatorReadsWithItsBuiltInImages() {
    Map<String, String> data = configMapData(HelmCli.template());

    assertThat(data.keySet())
        .containsExactlyInAnyOrder(
            OperatorSettings.NAMESPACES_ENV,
            OperatorSettings.HTTP_PORT_ENV,
            OperatorSettings.LEADER_ELECTION_ENV,
            OperatorSettings.DATA_PATH_INTERVAL_ENV,
            DefaultImages.WEBAPP_ENV,
            DefaultImages.WORKLOADS_ENV,
            DefaultImages.POSTGRES_ENV,
            DefaultImages.MEMCACHED_ENV,
            DefaultImages.KAFKA_ENV,
            DefaultImages.CASSANDRA_ENV,
            DefaultImages.OPERATOR_ENV);
    assertThat(DefaultImages.from(data)).isEqualTo(DefaultImages.BUILT_IN);
  }

  @Test
  void changedImagesReachTheOperatorAndRollIt() {
    JsonNode before = HelmCli.template().one("Deployment");
    RenderedChart changed =
        HelmCli.template(
            "--set", "images.webapp=registry.example/legerible/webapp:1.2.3",
            "--set", "images.postgres=postgres:18.1");

    DefaultImages images = DefaultImages.from(configMapData(changed));
    assertThat(images.webapp()).isEqualTo("registry.example/legerible/webapp:1.2.3");
    assertThat(images.postgres()).isEqualTo("postgres:18.1");
    assertThat(images.kafka()).isEqualTo(DefaultImages.BUILT_IN.kafka());
    assertThat(checksum(changed.one("Deployment"))).isNotEqualTo(checksum(before));
    assertThat(
            DefaultImages.from(
                    configMapData(
                        HelmCli.template(
                            "--set", "operator.image.repository=registry.example/operator",
                            "--set", "operator.image.tag=1.2.3")))
                .operator())
        .as("the operator's backup Jobs run the image the operator runs")
        .isEqualTo("registry.example/operator:1.2.3");
    assertThat(
            checksum(
                HelmCli.template("--set", "operator.resources.limits.memory=1Gi")
                    .one("Deployment")))
        .as("a setting outside the ConfigMap does not change its checksum")
        .isEqualTo(checksum(before));
  }

  @Test
  void clusterRoleGrantsWhatTheOperatorManagesAndEverythingTheSparkRoleItCreatesGrants()
      throws IOException {
    JsonNode clusterRole = HelmCli.template().named("ClusterRole", "legerible-operator");
    Set<String> granted = grants(clusterRole.path("rules"));

    assertThat(granted)
        .contains(
            "legerible.io/legeriblelibraries:watch",
            "legerible.io/legeriblelibraries/status:patch",
            "/secrets:create",
            "/configmaps:patch",
            "/services:delete",
            "/serviceaccounts:create",
            "/pods:watch",
            "/events:create",
            "apps/statefulsets:patch",
            "apps/deployments:create",
            "batch/jobs:create",
            "batch/cronjobs:patch",
            "networking.k8s.io/ingresses:create",
            "policy/poddisruptionbudgets:create",
            "policy/poddisruptionbudgets:delete",
            "rbac.authorization.k8s.io/roles:create",
            "rbac.authorization.k8s.io/rolebindings:create");
    JsonNode sparkRole;
    try (InputStream in =
        getClass().getResourceAsStream("/io/legerible/operator/dependent/spark/role.yaml")) {
      sparkRole = RenderedChart.YAML.readTree(in);
    }
    assertThat(granted)
        .as("Kubernetes lets the operator grant Spark drivers only what it holds itself")
        .containsAll(grants(sparkRole.path("rules")));
    assertThat(granted)
        .as("nothing beyond the library namespaces' objects")
        .noneMatch(g -> g.contains("*"))
        .noneMatch(g -> g.startsWith("coordination.k8s.io/"))
        .noneMatch(g -> g.startsWith("apiextensions.k8s.io/"))
        .noneMatch(g -> g.contains("clusterrole"))
        .noneMatch(g -> g.startsWith("/nodes") || g.startsWith("/namespaces"))
        .noneMatch(g -> g.endsWith(":escalate") || g.endsWith(":bind"))
        .noneMatch(g -> g.startsWith("legerible.io/legeriblelibraries:update"));
  }

  @Test
  void leaderElectionIsGrantedOnlyOnLeasesOfTheReleaseNamespace() {
    RenderedChart chart = HelmCli.template();
    JsonNode role =
        chart.ofKind("Role").stream()
            .filter(r -> r.at("/metadata/name").asText().endsWith("-leader-election"))
            .findFirst()
            .orElseThrow();
    assertThat(role.at("/metadata/namespace").asText()).isEqualTo("ops");
    assertThat(grants(role.path("rules")))
        .allMatch(g -> g.startsWith("coordination.k8s.io/leases:"))
        .contains("coordination.k8s.io/leases:create", "coordination.k8s.io/leases:update");

    RenderedChart withoutElection =
        HelmCli.template("--set", "operator.leaderElection.enabled=false");
    assertThat(withoutElection.ofKind("Role")).isEmpty();
    assertThat(configMapData(withoutElection))
        .containsEntry(OperatorSettings.LEADER_ELECTION_ENV, "false");
  }

  @Test
  void namespacedInstallGrantsTheSameRulesOnlyInTheWatchedNamespaces() throws IOException {
    RenderedChart cluster = HelmCli.template();
    RenderedChart chart =
        HelmCli.template("--values", write("namespaced.yaml", namespacedWithLibrary()).toString());

    assertThat(chart.identities())
        .filteredOn(identity -> identity.startsWith("Cluster"))
        .as("only reading StorageClasses, which no Role can grant, is cluster-wide")
        .containsExactlyInAnyOrder(
            "ClusterRole legerible-operator-storage-classes",
            "ClusterRoleBinding legerible-operator-storage-classes");
    assertThat(chart.identities())
        .contains(
            "Role east/legerible-operator",
            "RoleBinding east/legerible-operator",
            "Role west/legerible-operator",
            "RoleBinding west/legerible-operator");
    for (JsonNode role : chart.ofKind("Role")) {
      if (!role.at("/metadata/namespace").asText().equals("ops")) {
        assertThat(role.path("rules"))
            .isEqualTo(cluster.named("ClusterRole", "legerible-operator").path("rules"));
      }
    }
    for (JsonNode binding : chart.ofKind("RoleBinding")) {
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("legerible");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("ops");
    }
    OperatorSettings settings = OperatorSettings.from(configMapData(chart));
    assertThat(settings.namespaces()).containsExactlyInAnyOrder("east", "west");
  }

  @Test
  void defaultLibraryIsRenderedWithTheGivenSpecAndKeptOnUninstall() throws IOException {
    RenderedChart chart =
        HelmCli.template("--values", write("namespaced.yaml", namespacedWithLibrary()).toString());

    JsonNode library = chart.one("LegeribleLibrary");
    assertThat(library.path("apiVersion").asText()).isEqualTo("legerible.io/v1alpha1");
    assertThat(library.at("/metadata/name").asText()).isEqualTo("town");
    assertThat(library.at("/metadata/namespace").asText()).isEqualTo("east");
    assertThat(library.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .isEqualTo("keep");
    assertThat(library.path("spec")).isEqualTo(fullExampleSpec());
    assertThat(HelmCli.template().ofKind("LegeribleLibrary")).isEmpty();
  }

  @Test
  void valuesBreakingTheSchemaAreRefusedNamingEveryBadKey() throws IOException {
    Path bad =
        write(
            "bad.yaml",
            "operator:\n"
                + "  replicas: two\n"
                + "  image:\n"
                + "    pullPolicy: Sometimes\n"
                + "watchNamespaces: east\n"
                + "librari:\n"
                + "  create: true\n");

    HelmCli.Result result =
        HelmCli.run("template", "legerible", HelmCli.CHART.toString(), "--values", bad.toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains("values don't meet the specifications of the schema")
        .contains("/operator/replicas")
        .contains("want integer")
        .contains("/operator/image/pullPolicy")
        .contains("'Always', 'IfNotPresent', 'Never'")
        .contains("/watchNamespaces")
        .contains("'librari' not allowed");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void defaultLibraryNameIsLimitedLikeTheOperatorLimitsIt() throws IOException {
    JsonNode schema =
        RenderedChart.YAML.readTree(HelmCli.CHART.resolve("values.schema.json").toFile());
    assertThat(schema.at("/properties/library/properties/name/maxLength").asInt())
        .isEqualTo(LibraryNaming.MAX_LIBRARY_NAME_LENGTH);

    String longest = "a".repeat(LibraryNaming.MAX_LIBRARY_NAME_LENGTH);
    assertThat(
            HelmCli.template("--set", "library.create=true", "--set", "library.name=" + longest)
                .one("LegeribleLibrary")
                .at("/metadata/name")
                .asText())
        .isEqualTo(longest);
    HelmCli.Result tooLong =
        HelmCli.run(
            "template",
            "legerible",
            HelmCli.CHART.toString(),
            "--set",
            "library.create=true",
            "--set",
            "library.name=" + longest + "b");
    assertThat(tooLong.exitCode()).isNotZero();
    assertThat(tooLong.stderr()).contains("/library/name");
  }

  @Test
  void inconsistentValuesAreRefusedWithWhatToChange() {
    HelmCli.Result twoWithoutLeader =
        HelmCli.run(
            "template",
            "legerible",
            HelmCli.CHART.toString(),
            "--set",
            "operator.replicas=2",
            "--set",
            "operator.leaderElection.enabled=false");
    assertThat(twoWithoutLeader.exitCode()).isNotZero();
    assertThat(twoWithoutLeader.stderr())
        .contains("operator.replicas > 1 needs operator.leaderElection.enabled=true");

    HelmCli.Result unwatchedLibrary =
        HelmCli.run(
            "template",
            "legerible",
            HelmCli.CHART.toString(),
            "--namespace",
            "ops",
            "--set",
            "library.create=true",
            "--set",
            "watchNamespaces={east}");
    assertThat(unwatchedLibrary.exitCode()).isNotZero();
    assertThat(unwatchedLibrary.stderr())
        .contains("library.namespace ops is not in watchNamespaces [east]");
  }

  /** Values of a namespaced install with a default library whose spec is the full example's. */
  private String namespacedWithLibrary() throws IOException {
    ObjectNode root = RenderedChart.YAML.createObjectNode();
    root.putArray("watchNamespaces").add("east").add("west");
    ObjectNode library = root.putObject("library");
    library.put("create", true);
    library.put("name", "town");
    library.put("namespace", "east");
    library.set("spec", fullExampleSpec());
    return RenderedChart.YAML.writeValueAsString(root);
  }

  private static JsonNode fullExampleSpec() throws IOException {
    Path full = ProjectLayout.root().resolve("crds").resolve("examples").resolve("full.yaml");
    return RenderedChart.YAML.readTree(full.toFile()).path("spec");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(values.resolve(name), content);
  }

  static String appVersion() throws IOException {
    return RenderedChart.YAML
        .readTree(HelmCli.CHART.resolve("Chart.yaml").toFile())
        .path("appVersion")
        .asText();
  }

  static Map<String, String> configMapData(RenderedChart chart) {
    Map<String, String> data = new TreeMap<>();
    chart
        .one("ConfigMap")
        .path("data")
        .properties()
        .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  static String checksum(JsonNode deployment) {
    return deployment.at("/spec/template/metadata/annotations/checksum~1config").asText();
  }

  /** Every "apiGroup/resource:verb" the rules grant. */
  static Set<String> grants(JsonNode rules) {
    Set<String> grants = new HashSet<>();
    for (JsonNode rule : rules) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
          }
        }
      }
    }
    return grants;
  }
}
