package io.legerible.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** The objects {@code helm template} rendered, parsed from its multi-document YAML. */
public record RenderedChart(List<JsonNode> objects) {

  static final YAMLMapper YAML = new YAMLMapper();

  static RenderedChart parse(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject() && document.has("kind")) {
          objects.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template printed invalid YAML", e);
    }
    return new RenderedChart(List.copyOf(objects));
  }

  /** Every object as "Kind namespace/name" (no namespace for cluster-scoped ones). */
  List<String> identities() {
    return objects.stream().map(RenderedChart::identity).sorted().collect(Collectors.toList());
  }

  static String identity(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    return object.path("kind").asText()
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + metadata.path("name").asText();
  }

  /** Every object of {@code kind}. */
  List<JsonNode> ofKind(String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .collect(Collectors.toList());
  }

  /** The object of {@code kind} named {@code name}. */
  public JsonNode named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(o.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no " + kind + " " + name + " in " + identities()));
  }

  /** The only object of {@code kind}. */
  public JsonNode one(String kind) {
    List<JsonNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new NoSuchElementException(
          "expected one " + kind + ", rendered " + found.size() + ": " + identities());
    }
    return found.get(0);
  }
}
