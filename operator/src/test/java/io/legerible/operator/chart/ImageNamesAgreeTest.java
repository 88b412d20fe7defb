package io.legerible.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legerible.operator.config.DefaultImages;
import io.legerible.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * skaffold.yaml (which cannot run on the build machines) checked for structure, and the image names
 * of skaffold.yaml, the poms' jib configuration, the chart's defaults and the operator's built-in
 * defaults checked to agree.
 */
class ImageNamesAgreeTest {

  static final Path ROOT = ProjectLayout.root();
  static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  static JsonNode skaffold;
  static JsonNode values;
  static Map<String, String> properties;

  /** Artifact id → its module's pom, for every pom of the build. */
  static Map<String, Path> poms;

  @BeforeAll
  static void read() throws Exception {
    skaffold = RenderedChart.YAML.readTree(ROOT.resolve("skaffold.yaml").toFile());
    values = RenderedChart.YAML.readTree(HelmCli.CHART.resolve("values.yaml").toFile());
    Document root = parse(ROOT.resolve("pom.xml"));
    properties = new HashMap<>();
    Element props = child(root.getDocumentElement(), "properties");
    NodeList list = props.getChildNodes();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element e) {
        properties.put(e.getTagName(), e.getTextContent().strip());
      }
    }
    properties.put(
        "project.version", child(root.getDocumentElement(), "version").getTextContent().strip());
    poms = new TreeMap<>();
    try (Stream<Path> files = Files.walk(ROOT, 3)) {
      for (Path pom : files.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        if (pom.toString().contains("/target/")) {
          continue;
        }
        poms.put(
            child(parse(pom).getDocumentElement(), "artifactId").getTextContent().strip(), pom);
      }
    }
  }

  @Test
  void skaffoldUsesTheCurrentSchemaJibForEachImageAndTheChart() {
    assertThat(skaffold.path("apiVersion").asText()).isEqualTo("skaffold/v4beta13");
    assertThat(skaffold.path("kind").asText()).isEqualTo("Config");
    assertThat(artifacts().keySet())
        .containsExactlyInAnyOrder("legerible/operator", "legerible/webapp", "legerible/workloads");
    artifacts()
        .values()
        .forEach(
            jib -> {
              assertThat(jib.path("type").asText()).isEqualTo("maven");
              assertThat(jib.path("project").asText()).startsWith("io.legerible:");
            });

    JsonNode releases = skaffold.at("/deploy/helm/releases");
    assertThat(releases).hasSize(1);
    JsonNode release = releases.get(0);
    assertThat(ROOT.resolve(release.path("chartPath").asText())).isEqualTo(HelmCli.CHART);
    assertThat(release.path("createNamespace").asBoolean()).isTrue();
  }

  @Test
  void skaffoldInjectsEachBuiltImageIntoAChartValueThatExists() {
    Map<String, String> templates = new TreeMap<>();
    skaffold
        .at("/deploy/helm/releases/0/setValueTemplates")
        .properties()
        .forEach(e -> templates.put(e.getKey(), e.getValue().asText()));

    assertThat(templates)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "operator.image.repository", "{{.IMAGE_REPO_legerible_operator}}",
                "operator.image.tag", "{{.IMAGE_TAG_legerible_operator}}",
                "images.webapp", "{{.IMAGE_FULLY_QUALIFIED_legerible_webapp}}",
                "images.workloads", "{{.IMAGE_FULLY_QUALIFIED_legerible_workloads}}"));
    for (String key : templates.keySet()) {
      assertThat(values.at("/" + key.replace('.', '/')).isMissingNode())
          .as("values.yaml has %s", key)
          .isFalse();
    }
    Pattern variable = Pattern.compile("\\{\\{\\.IMAGE_[A-Z_]+?_(legerible_[a-z]+)}}");
    for (String template : templates.values()) {
      Matcher matcher = variable.matcher(template);
      assertThat(matcher.matches()).as(template).isTrue();
      assertThat(artifacts()).containsKey(matcher.group(1).replace('_', '/'));
    }
  }

  @Test
  void skaffoldProfilesApplyExistingExamples() {
    List<String> applied = new ArrayList<>();
    for (JsonNode profile : skaffold.path("profiles")) {
      for (JsonNode patch : profile.path("patches")) {
        patch.at("/value/rawYaml").forEach(file -> applied.add(file.asText()));
      }
    }
    assertThat(applied)
        .containsExactlyInAnyOrder("crds/examples/minimal.yaml", "crds/examples/full.yaml");
    assertThat(applied).allSatisfy(file -> assertThat(ROOT.resolve(file)).isRegularFile());
  }

  @Test
  void jibImagesAreTheSkaffoldArtifactsTaggedWithTheProjectImageTag() throws Exception {
    String tag = properties.get("image.tag");
    assertThat(properties.get("project.version")).startsWith(tag);
    for (Map.Entry<String, JsonNode> artifact : artifacts().entrySet()) {
      String artifactId = artifact.getValue().path("project").asText().split(":")[1];
      assertThat(poms).as("a module with artifactId %s", artifactId).containsKey(artifactId);
      assertThat(jibTargetImage(poms.get(artifactId)))
          .as("jib <to> image of %s", artifactId)
          .isEqualTo(artifact.getKey() + ":" + tag);
    }
  }

  @Test
  void chartDefaultsAreTheJibImagesAndTheOperatorsBuiltInDefaults() throws Exception {
    String tag = properties.get("image.tag");
    String registry = properties.get("image.registry");

    assertThat(values.at("/operator/image/repository").asText())
        .isEqualTo(registry + "/operator")
        .isIn(artifacts().keySet());
    assertThat(values.at("/operator/image/tag").asText())
        .as("empty: the chart's appVersion")
        .isEmpty();
    assertThat(ChartTemplateTest.appVersion()).isEqualTo(tag);
    assertThat(registry + "/operator:" + tag)
        .as("the operator's own image, which its backup Jobs run")
        .isEqualTo(DefaultImages.BUILT_IN.operator());
    assertThat(values.at("/images/webapp").asText())
        .isEqualTo(registry + "/webapp:" + tag)
        .isEqualTo(DefaultImages.BUILT_IN.webapp());
    assertThat(values.at("/images/workloads").asText())
        .isEqualTo(registry + "/workloads:" + tag)
        .isEqualTo(DefaultImages.BUILT_IN.workloads());
    assertThat(values.at("/images/postgres").asText()).isEqualTo(DefaultImages.BUILT_IN.postgres());
    assertThat(values.at("/images/memcached").asText())
        .isEqualTo(DefaultImages.BUILT_IN.memcached());
    assertThat(values.at("/images/kafka").asText()).isEqualTo(DefaultImages.BUILT_IN.kafka());
    assertThat(values.at("/images/cassandra").asText())
        .isEqualTo(DefaultImages.BUILT_IN.cassandra());
  }

  @Test
  void backingServiceImagesAreTheServerVersionsTheTestsRun() {
    Map<String, String> expected =
        Map.of(
            "postgres", "postgres:" + properties.get("postgres-server.version"),
            "memcached", "memcached:" + properties.get("memcached-server.version"),
            "kafka", "apache/kafka:" + properties.get("kafka-server.version"),
            "cassandra", "cassandra:" + properties.get("cassandra-server.version"));
    Map<String, String> builtIn =
        Map.of(
            "postgres", DefaultImages.BUILT_IN.postgres(),
            "memcached", DefaultImages.BUILT_IN.memcached(),
            "kafka", DefaultImages.BUILT_IN.kafka(),
            "cassandra", DefaultImages.BUILT_IN.cassandra());
    expected.forEach(
        (service, image) -> {
          assertThat(values.at("/images/" + service).asText())
              .as(
                  "helm/legerible/values.yaml images.%s must be the root pom's %s-server version",
                  service, service)
              .isEqualTo(image);
          assertThat(builtIn.get(service))
              .as("DefaultImages.BUILT_IN %s (operator default-images.properties)", service)
              .isEqualTo(image);
        });
  }

  @Test
  void jibImagesAreNonRootAndSizeTheHeapFromTheContainerLimit() throws Exception {
    for (String artifactId : List.of("legerible-operator", "legerible-webapp")) {
      Element jib = jibConfiguration(poms.get(artifactId));
      Element container = child(jib, "container");
      assertThat(text(child(container, "user"))).as(artifactId).isEqualTo("1000:1000");
      assertThat(text(child(child(container, "jvmFlags"), "jvmFlag")))
          .as(artifactId)
          .startsWith("-XX:MaxRAMPercentage=");
      assertThat(text(child(child(container, "ports"), "port"))).isEqualTo("8080");
      assertThat(text(child(child(jib, "from"), "image"))).isEqualTo("${image.base.java}");
    }
    Element workloads = jibConfiguration(poms.get("legerible-spark-submitter"));
    assertThat(text(child(child(workloads, "from"), "image"))).isEqualTo("${image.base.spark}");
    assertThat(resolve("${image.base.spark}")).startsWith("apache/spark:");
    assertThat(text(child(child(workloads, "container"), "user"))).isNotIn("0", "root", "");
    Path submit =
        poms.get("legerible-spark-submitter").resolveSibling("src/main/jib/usr/local/bin/submit");
    // The submitter only waits on Spark: a small fixed heap leaves the pod's memory to Spark.
    assertThat(Files.readString(submit))
        .contains("-Xmx96m")
        .contains("io.legerible.sparksubmitter.SubmitCommand");
  }

  static Map<String, JsonNode> artifacts() {
    Map<String, JsonNode> artifacts = new TreeMap<>();
    skaffold
        .at("/build/artifacts")
        .forEach(a -> artifacts.put(a.path("image").asText(), a.path("jib")));
    return artifacts;
  }

  static String jibTargetImage(Path pom) throws Exception {
    return resolve(text(child(child(jibConfiguration(pom), "to"), "image")));
  }

  static Element jibConfiguration(Path pom) throws Exception {
    NodeList plugins = parse(pom).getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(text(child(plugin, "artifactId")))) {
        return child(plugin, "configuration");
      }
    }
    throw new AssertionError(pom + " configures no jib-maven-plugin");
  }

  static String resolve(String value) {
    String resolved = value;
    for (int i = 0; i < 5 && resolved.contains("${"); i++) {
      Matcher matcher = PROPERTY.matcher(resolved);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String property = properties.get(matcher.group(1));
        assertThat(property).as("root pom property %s", matcher.group(1)).isNotNull();
        matcher.appendReplacement(out, Matcher.quoteReplacement(property));
      }
      matcher.appendTail(out);
      resolved = out.toString();
    }
    return resolved;
  }

  static Document parse(Path pom) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  static String text(Element element) {
    return element.getTextContent().strip();
  }
}
