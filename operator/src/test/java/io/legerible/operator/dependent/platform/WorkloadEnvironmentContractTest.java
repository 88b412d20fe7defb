package io.legerible.operator.dependent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.dependent.webapp.WebappConfigMapDependentResource;
import io.legerible.operator.dependent.webapp.WebappDeploymentDependentResource;
import io.legerible.operator.testing.Libraries;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the operator gives each of our programs (website, ranking stream, recommendations submitter,
 * book feed) against what they read: only variables of the contract, the same value wherever two
 * programs get the same variable, and every variable the website's configuration reads that the
 * jobs also read (the ranking windows) given to both, from one place.
 */
class WorkloadEnvironmentContractTest {

  private static final Pattern WEBSITE_READS = Pattern.compile("\\$\\{(LEGERIBLE_[A-Z0-9_]+)");

  @ParameterizedTest
  @ValueSource(strings = {"minimal.yaml", "full.yaml"})
  void everyProgramGetsOnlyTheContractAndTheSameValueEverywhere(String example) throws IOException {
    LegeribleLibrary library = Libraries.example(example);
    Map<String, Map<String, String>> given = environments(library);

    Set<String> contract = PlatformEnvironment.names();
    given.forEach(
        (program, env) ->
            assertThat(env.keySet())
                .as("%s: variables outside the contract", program)
                .allSatisfy(name -> assertThat(contract).contains(name)));

    // The shared part (the platform ConfigMap and the credentials) reaches every program alike;
    // a program's own settings (Spark sizes, feed rate) may differ.
    Set<String> shared = new TreeSet<>();
    new PlatformConfigMapDependentResource()
        .build(library, Libraries.inputs())
        .getData()
        .keySet()
        .forEach(shared::add);
    ConnectionContract.credentials(library).forEach(var -> shared.add(var.getName()));
    Map<String, String> firstSource = new TreeMap<>();
    Map<String, String> firstProgram = new TreeMap<>();
    given.forEach(
        (program, env) ->
            env.forEach(
                (name, source) -> {
                  if (!shared.contains(name)) {
                    return;
                  }
                  String earlier = firstSource.putIfAbsent(name, source);
                  firstProgram.putIfAbsent(name, program);
                  assertThat(source)
                      .as("%s for %s and %s", name, program, firstProgram.get(name))
                      .isEqualTo(earlier == null ? source : earlier);
                }));

    Set<String> websiteReads = websiteReads();
    for (String agreed : List.of(PlatformEnvironment.RANKING_WINDOW_MINUTES)) {
      assertThat(websiteReads).contains(agreed);
      assertThat(given.get("website")).containsKey(agreed);
      assertThat(given.get("ranking stream")).containsKey(agreed);
    }
    for (String program : given.keySet()) {
      assertThat(given.get(program))
          .as("%s reaches the database", program)
          .containsKeys(
              PlatformEnvironment.POSTGRES_URL,
              PlatformEnvironment.POSTGRES_USER,
              PlatformEnvironment.POSTGRES_PASSWORD);
    }
  }

  /** Program → variable → where its value comes from (a value, a Secret key or a pod field). */
  private static Map<String, Map<String, String>> environments(LegeribleLibrary library) {
    var inputs = Libraries.inputs();
    List<ConfigMap> configMaps =
        List.of(
            new PlatformConfigMapDependentResource().build(library, inputs),
            new WebappConfigMapDependentResource().build(library, inputs));
    Map<String, Map<String, String>> programs = new TreeMap<>();
    programs.put(
        "website",
        environment(
            only(
                new WebappDeploymentDependentResource()
                    .build(library, inputs)
                    .getSpec()
                    .getTemplate()),
            configMaps));
    programs.put(
        "ranking stream",
        environment(
            only(
                new RankingStreamDeploymentDependentResource()
                    .build(library, inputs)
                    .getSpec()
                    .getTemplate()),
            configMaps));
    programs.put(
        "recommendations",
        environment(
            only(
                new RecommendationsCronJobDependentResource()
                    .build(library, inputs)
                    .getSpec()
                    .getJobTemplate()
                    .getSpec()
                    .getTemplate()),
            configMaps));
    programs.put(
        "book feed",
        environment(
            only(
                new BookFeedDeploymentDependentResource()
                    .build(library, inputs)
                    .getSpec()
                    .getTemplate()),
            configMaps));
    return programs;
  }

  private static Container only(PodTemplateSpec template) {
    List<Container> containers = template.getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> environment(Container container, List<ConfigMap> configMaps) {
    Map<String, String> env = new TreeMap<>();
    List<EnvFromSource> envFrom =
        container.getEnvFrom() == null ? List.of() : container.getEnvFrom();
    for (EnvFromSource from : envFrom) {
      String name = from.getConfigMapRef().getName();
      ConfigMap configMap =
          configMaps.stream()
              .filter(c -> c.getMetadata().getName().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " is built"));
      // Spring Boot's own settings (SERVER_PORT, ...) are the framework's, not the contract.
      configMap.getData().entrySet().stream()
          .filter(entry -> entry.getKey().startsWith("LEGERIBLE_"))
          .forEach(entry -> env.put(entry.getKey(), "value " + entry.getValue()));
    }
    for (EnvVar var : new ArrayList<>(container.getEnv())) {
      if (!var.getName().startsWith("LEGERIBLE_")) {
        continue;
      }
      String source;
      if (var.getValueFrom() == null) {
        source = "value " + var.getValue();
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        source =
            "secret "
                + var.getValueFrom().getSecretKeyRef().getName()
                + "/"
                + var.getValueFrom().getSecretKeyRef().getKey();
      } else {
        source = "field " + var.getValueFrom().getFieldRef().getFieldPath();
      }
      env.put(var.getName(), source);
    }
    return env;
  }

  /** The contract variables the website's application.yml reads. */
  private static Set<String> websiteReads() throws IOException {
    String yaml =
        Files.readString(ProjectLayout.root().resolve("webapp/src/main/resources/application.yml"));
    Set<String> names = new TreeSet<>();
    Matcher matcher = WEBSITE_READS.matcher(yaml);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
