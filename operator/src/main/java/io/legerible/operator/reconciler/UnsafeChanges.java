package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.kafka.KafkaBrokers;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes a spec asks for that the running services cannot take without losing data: each is
 * refused like an invalid spec (Valid=False, nothing changed) with what to do instead. Judged
 * against the StatefulSets that hold the data, so a first apply is never refused. Pure.
 */
public final class UnsafeChanges {

  /** The major version leading an image tag: "17" in postgres:17.2-bookworm. */
  private static final Pattern TAG_MAJOR = Pattern.compile("^(\\d+)");

  private UnsafeChanges() {}

  /** Every refusal, each saying what is unsafe and what to do; empty when the change is safe. */
  public static List<String> refused(
      LegeribleLibrary library, Map<String, StatefulSet> running, DefaultImages defaults) {
    List<String> refusals = new ArrayList<>();
    LegeribleLibrarySpec spec = library.getSpec();
    if (spec.postgres.managedByOperator()) {
      StatefulSet postgres = running.get(LibraryNaming.name(library, Component.POSTGRES));
      if (postgres != null) {
        postgresMajorVersion(
            image(postgres),
            DefaultImages.orDefault(spec.postgres.managed.image, defaults.postgres()),
            refusals);
      }
    }
    if (spec.kafka.managedByOperator()) {
      StatefulSet kafka = running.get(LibraryNaming.name(library, Component.KAFKA));
      int controllers =
          kafka == null ? 0 : KafkaBrokers.controllers(library, kafka, KafkaBrokers.KeptNodes.NONE);
      if (kafka != null && spec.kafka.managed.replicas < controllers) {
        refusals.add(
            "kafka.managed.replicas "
                + spec.kafka.managed.replicas
                + " is refused: the first "
                + controllers
                + " Kafka nodes are also its KRaft controllers, and the controller quorum was fixed"
                + " when Kafka first formatted its log; removing one could leave the metadata log"
                + " without a majority. At least "
                + controllers
                + " brokers are needed; for fewer, create a new library");
      }
    }
    return refusals;
  }

  /** The major version an image's tag starts with, empty when the tag does not say. */
  static OptionalInt majorVersion(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    if (colon < 0 || colon < name.lastIndexOf('/')) {
      return OptionalInt.empty();
    }
    Matcher major = TAG_MAJOR.matcher(name.substring(colon + 1));
    return major.find() ? OptionalInt.of(Integer.parseInt(major.group(1))) : OptionalInt.empty();
  }

  private static void postgresMajorVersion(String current, String wanted, List<String> refusals) {
    if (current == null || current.equals(wanted)) {
      return;
    }
    OptionalInt from = majorVersion(current);
    if (from.isEmpty()) {
      return;
    }
    OptionalInt to = majorVersion(wanted);
    if (to.isEmpty()) {
      refusals.add(
          "postgres.managed.image "
              + wanted
              + " does not say its major version, and the database's files are PostgreSQL "
              + from.getAsInt()
              + "'s: use a tag that starts with it (e.g. postgres:"
              + from.getAsInt()
              + ")");
    } else if (to.getAsInt() != from.getAsInt()) {
      refusals.add(
          "postgres.managed.image "
              + current
              + " → "
              + wanted
              + " is a major-version change: PostgreSQL "
              + to.getAsInt()
              + " cannot open the database files PostgreSQL "
              + from.getAsInt()
              + " wrote and would crash-loop. Keep a "
              + from.getAsInt()
              + ".x image; to move to "
              + to.getAsInt()
              + ", dump the database with pg_dump and restore it into a new library");
    }
  }

  private static String image(StatefulSet statefulSet) {
    var containers = statefulSet.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? null : containers.get(0).getImage();
  }
}
