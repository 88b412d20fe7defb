package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.testing.BuiltWorkloads;
import io.legerible.operator.testing.Libraries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pod templates change (and so roll) when a Secret or ConfigMap they read changes. */
class PodTemplateRolloutTest {

  static final String POSTGRES = "legerible-city-postgres-credentials";
  static final String DEMO = "legerible-city-webapp-demo-credentials";

  @Test
  void changedDemoPasswordRollsOnlyTheWebsite() {
    assertThat(
            rolled(
                secrets(database("p", "s"), Map.of("password", "d1")),
                secrets(database("p", "s"), Map.of("password", "d2")),
                Libraries.city(),
                Libraries.city()))
        .containsExactly("webapp");
  }

  @Test
  void rotatedDatabasePasswordRollsEveryClientButNotTheServer() {
    assertThat(
            rolled(
                secrets(database("p1", "s"), Map.of("password", "d")),
                secrets(database("p2", "s"), Map.of("password", "d")),
                Libraries.city(),
                Libraries.city()))
        .containsExactlyInAnyOrder("book-feed", "ranking-stream", "recommendations", "webapp");
  }

  @Test
  void changedSuperuserPasswordRollsOnlyTheServer() {
    assertThat(
            rolled(
                secrets(database("p", "s1"), Map.of("password", "d")),
                secrets(database("p", "s2"), Map.of("password", "d")),
                Libraries.city(),
                Libraries.city()))
        .containsExactly("postgres");
  }

  @Test
  void aNextPasswordAndANewRoleScriptRollNothing() {
    Map<String, String> rotating = new HashMap<>(database("p", "s"));
    rotating.put("next-password", "p2");
    rotating.put("application-role.sql", "CREATE ROLE ...");
    assertThat(
            rolled(
                secrets(database("p", "s"), Map.of("password", "d")),
                secrets(rotating, Map.of("password", "d")),
                Libraries.city(),
                Libraries.city()))
        .isEmpty();
  }

  @Test
  void changedConnectionContractRollsEveryProcessOfOursButNoBackingService() {
    var before = Libraries.city();
    var after = Libraries.city(spec -> spec.cassandra.replicationFactor = 1);
    after.getSpec().cassandra.keyspace = "lake";
    assertThat(rolled(Map.of(), Map.of(), before, after))
        .containsExactlyInAnyOrder("book-feed", "ranking-stream", "recommendations", "webapp");
  }

  @Test
  void sameInputsGiveIdenticalTemplates() {
    assertThat(
            rolled(
                secrets(database("p", "s"), Map.of("password", "d")),
                secrets(database("p", "s"), Map.of("password", "d")),
                Libraries.city(),
                Libraries.city()))
        .isEmpty();
  }

  static Map<String, String> database(String password, String superuserPassword) {
    return Map.of(
        "username", "legerible", "password", password, "superuser-password", superuserPassword);
  }

  static Map<String, Map<String, String>> secrets(
      Map<String, String> database, Map<String, String> demo) {
    return Map.of(POSTGRES, database, DEMO, demo);
  }

  static List<String> rolled(
      Map<String, Map<String, String>> secretsBefore,
      Map<String, Map<String, String>> secretsAfter,
      LegeribleLibrary before,
      LegeribleLibrary after) {
    Map<String, PodTemplateSpec> first = templates(before, Libraries.inputs(secretsBefore));
    Map<String, PodTemplateSpec> second = templates(after, Libraries.inputs(secretsAfter));
    List<String> changed = new ArrayList<>();
    first.forEach(
        (name, template) -> {
          if (!template.equals(second.get(name))) {
            changed.add(name);
          }
        });
    return changed;
  }

  static Map<String, PodTemplateSpec> templates(LegeribleLibrary library, DesiredInputs inputs) {
    return BuiltWorkloads.of(library, inputs).podTemplates();
  }
}
