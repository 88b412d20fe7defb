package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.testing.BuiltWorkloads;
import io.legerible.operator.testing.Libraries;
import java.util.ArrayList;
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
                Map.of(POSTGRES, "p", DEMO, "d1"),
                Map.of(POSTGRES, "p", DEMO, "d2"),
                Libraries.city(),
                Libraries.city()))
        .containsExactly("webapp");
  }

  @Test
  void changedDatabasePasswordRollsTheServerAndEveryClientButNotTheOtherServices() {
    assertThat(
            rolled(
                Map.of(POSTGRES, "p1", DEMO, "d"),
                Map.of(POSTGRES, "p2", DEMO, "d"),
                Libraries.city(),
                Libraries.city()))
        .containsExactlyInAnyOrder(
            "book-feed", "postgres", "ranking-stream", "recommendations", "webapp");
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
                Map.of(POSTGRES, "p", DEMO, "d"),
                Map.of(POSTGRES, "p", DEMO, "d"),
                Libraries.city(),
                Libraries.city()))
        .isEmpty();
  }

  static List<String> rolled(
      Map<String, String> hashesBefore,
      Map<String, String> hashesAfter,
      LegeribleLibrary before,
      LegeribleLibrary after) {
    Map<String, PodTemplateSpec> first = templates(before, Libraries.inputs(hashesBefore));
    Map<String, PodTemplateSpec> second = templates(after, Libraries.inputs(hashesAfter));
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
