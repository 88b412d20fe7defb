package io.legerible.operator.bench;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The JVM options the chart gives the operator's pod, read from the chart's values. */
public final class OperatorJvm {

  private OperatorJvm() {}

  /** {@code operator.javaOptions} of helm/legerible/values.yaml, one option per element. */
  @SuppressWarnings("unchecked")
  public static List<String> options() {
    Path values = ProjectLayout.root().resolve("helm/legerible/values.yaml");
    try (InputStream in = Files.newInputStream(values)) {
      Map<String, Object> operator =
          (Map<String, Object>) Serialization.unmarshal(in, Map.class).get("operator");
      String options = (String) operator.get("javaOptions");
      return Arrays.stream(options.strip().split("\\s+")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the operator's JVM options from " + values, e);
    }
  }
}
