package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the YAML skeleton that lies next to a dependent class and gives it its identity; every call
 * returns a fresh object the caller may change.
 */
public final class Skeleton {

  // Parsed once per skeleton: every reconciliation computes every desired object, and a deep copy
  // of a parsed object is much cheaper than parsing YAML again.
  private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();

  private Skeleton() {}

  /** A fresh copy of {@code resource} (a file in {@code anchor}'s package) as a {@code type}. */
  public static <T> T load(Class<?> anchor, String resource, Class<T> type) {
    Object parsed =
        PARSED.computeIfAbsent(
            anchor.getName() + "/" + resource + "/" + type.getName(),
            key -> parse(anchor, resource, type));
    return Serialization.clone(type.cast(parsed));
  }

  private static <T> T parse(Class<?> anchor, String resource, Class<T> type) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "skeleton " + resource + " is missing next to " + anchor.getName());
      }
      return Serialization.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read skeleton " + resource, e);
    }
  }

  /**
   * Loads a skeleton and sets name, namespace and the component's labels (keeping any labels the
   * skeleton declares).
   */
  public static <T extends HasMetadata> T load(
      Class<?> anchor,
      String resource,
      Class<T> type,
      LegeribleLibrary library,
      Component component,
      String name) {
    T object = load(anchor, resource, type);
    ObjectMeta metadata = object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
    metadata.setName(name);
    metadata.setNamespace(library.getMetadata().getNamespace());
    var labels = new LinkedHashMap<String, String>();
    if (metadata.getLabels() != null) {
      labels.putAll(metadata.getLabels());
    }
    labels.putAll(LibraryNaming.labels(library, component));
    metadata.setLabels(labels);
    object.setMetadata(metadata);
    return object;
  }
}
