package io.legerible.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The operator's writes (create, update, patch, delete) as the API server's audit log recorded
 * them: counted outside the operator, and told apart from the controllers' and the benchmark's own
 * by the client's user agent.
 */
final class AuditedWrites {

  /** The operator's client (fabric8); the benchmark's client announces itself differently. */
  static final String OPERATOR_AGENT = "fabric8-kubernetes-client";

  /** The benchmark's own client's user agent. */
  static final String BENCHMARK_AGENT = "legerible-operator-benchmark";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One write the operator made. */
  record Write(Instant at, String verb, String namespace, String resource, String subresource) {}

  private final List<Write> writes;

  private AuditedWrites(List<Write> writes) {
    this.writes = writes;
  }

  /** Reads the log; a missing log reads as null (the cluster was started without a policy). */
  static AuditedWrites read(Path log) {
    if (!Files.isRegularFile(log)) {
      return null;
    }
    List<Write> writes = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines.forEach(
          line -> {
            try {
              JsonNode event = JSON.readTree(line);
              if (!event.path("userAgent").asText().startsWith(OPERATOR_AGENT)
                  || !"ResponseComplete".equals(event.path("stage").asText())) {
                return;
              }
              JsonNode object = event.path("objectRef");
              writes.add(
                  new Write(
                      Instant.parse(event.path("stageTimestamp").asText()),
                      event.path("verb").asText(),
                      object.path("namespace").asText(),
                      object.path("resource").asText(),
                      object.path("subresource").asText()));
            } catch (IOException e) {
              throw new UncheckedIOException("Unreadable audit event in " + log, e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit log " + log, e);
    }
    return new AuditedWrites(writes);
  }

  /** The writes in {@code namespaces} matching {@code when}. */
  Tally in(Collection<String> namespaces, Predicate<Instant> when) {
    return new Tally(
        writes.stream()
            .filter(w -> namespaces.contains(w.namespace()) && when.test(w.at()))
            .toList(),
        namespaces.size());
  }

  /** Writes counted over some libraries. */
  record Tally(List<Write> writes, int libraries) {

    double perLibrary() {
      return writes.size() / (double) libraries;
    }

    /** "45.0 (creates 21.0, updates 0.0, patches 24.0 of which status 20.0, ...)" per library. */
    String describe() {
      return String.format(
          Locale.ROOT,
          "%.1f (creates %.1f, updates %.1f, patches %.1f, deletes %.1f; of these status %.1f,"
              + " Events %.1f)",
          perLibrary(),
          count(w -> w.verb().equals("create")),
          count(w -> w.verb().equals("update")),
          count(w -> w.verb().equals("patch")),
          count(w -> w.verb().startsWith("delete")),
          count(w -> w.subresource().equals("status")),
          count(w -> w.resource().equals("events")));
    }

    private double count(Predicate<Write> which) {
      return writes.stream().filter(which).count() / (double) libraries;
    }
  }
}
