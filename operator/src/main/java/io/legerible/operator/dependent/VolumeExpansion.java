package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.api.Storage;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Growing the claims of one StatefulSet to a larger {@code storage.size}: which claims must grow,
 * or why their StorageClass keeps them as they are ({@code refusal}, null when they may grow), and
 * how far the resize of each claim got. Pure: planned from the claims and classes observed.
 */
public record VolumeExpansion(
    String statefulSet,
    String size,
    List<PersistentVolumeClaim> claims,
    List<PersistentVolumeClaim> toGrow,
    String refusal) {

  /** Reason of SpecApplied=False while a StorageClass keeps claims from growing. */
  public static final String NOT_ALLOWED = "VolumeExpansionNotAllowed";

  /** Reason of SpecApplied=False while claims are still smaller than they were asked to be. */
  public static final String RESIZING = "VolumeResizing";

  /**
   * Nothing signals that an administrator allowed a class to expand: a refused expansion is looked
   * at again on this interval.
   */
  public static final Duration RECHECK_INTERVAL = Duration.ofMinutes(1);

  /** The claim template every StatefulSet skeleton declares; its claims are data-(pod name). */
  public static final String CLAIM_TEMPLATE = "data";

  private static final String KEY = VolumeExpansion.class.getName();

  /** The plan for a StatefulSet of {@code size} whose claims are all as large already. */
  public static VolumeExpansion none(String statefulSet, String size) {
    return new VolumeExpansion(statefulSet, size, List.of(), List.of(), null);
  }

  /**
   * The plan for {@code statefulSet} of {@code size}, from the library's claims observed (those of
   * other StatefulSets are ignored) and the StorageClasses by name (empty: no such class). Classes
   * are asked for only when a claim must grow.
   */
  public static VolumeExpansion plan(
      String statefulSet,
      String size,
      Collection<PersistentVolumeClaim> observed,
      Function<String, Optional<StorageClass>> classes) {
    Pattern ownClaim = StatefulSets.dataClaims(statefulSet);
    List<PersistentVolumeClaim> claims =
        observed.stream()
            .filter(claim -> ownClaim.matcher(claim.getMetadata().getName()).matches())
            .sorted(Comparator.comparing(claim -> claim.getMetadata().getName()))
            .toList();
    BigDecimal wanted = bytes(new Quantity(size));
    List<PersistentVolumeClaim> toGrow =
        claims.stream().filter(claim -> bytes(request(claim)).compareTo(wanted) < 0).toList();
    Set<String> obstacles = new LinkedHashSet<>();
    for (PersistentVolumeClaim claim : toGrow) {
      String className = claim.getSpec().getStorageClassName();
      if (className == null || className.isBlank()) {
        obstacles.add(
            "claim "
                + name(claim)
                + " has no StorageClass, so no provisioner can expand its volume");
        continue;
      }
      Optional<StorageClass> storageClass = classes.apply(className);
      if (storageClass.isEmpty()) {
        obstacles.add("StorageClass " + className + " does not exist");
      } else if (!Boolean.TRUE.equals(storageClass.get().getAllowVolumeExpansion())) {
        obstacles.add(
            "StorageClass "
                + className
                + " does not allow volume expansion (allowVolumeExpansion is not true)");
      }
    }
    String refusal =
        obstacles.isEmpty()
            ? null
            : "claims "
                + String.join(", ", toGrow.stream().map(VolumeExpansion::name).toList())
                + " of StatefulSet "
                + statefulSet
                + " stay at "
                + String.join(
                    ", ", toGrow.stream().map(c -> request(c).toString()).distinct().toList())
                + " although storage.size asks for "
                + size
                + ": "
                + String.join("; ", obstacles)
                + ". Nothing was changed. An administrator can set allowVolumeExpansion: true on"
                + " the class when its provisioner can expand volumes; the operator then grows"
                + " the claims (storage.size cannot be lowered again: volumes never shrink)";
    return new VolumeExpansion(statefulSet, size, claims, toGrow, refusal);
  }

  /**
   * The plan of every StatefulSet the operator runs for {@code library}, by component, from the
   * claims observed and the StorageClasses by name.
   */
  public static Map<Component, VolumeExpansion> planAll(
      LegeribleLibrary library,
      Collection<PersistentVolumeClaim> observed,
      Function<String, Optional<StorageClass>> classes) {
    Map<Component, VolumeExpansion> plans = new EnumMap<>(Component.class);
    statefulSetStorage(library)
        .forEach(
            (component, storage) ->
                plans.put(
                    component,
                    plan(LibraryNaming.name(library, component), storage.size, observed, classes)));
    return plans;
  }

  /** The storage of each StatefulSet the operator runs for {@code library}. */
  static Map<Component, Storage> statefulSetStorage(LegeribleLibrary library) {
    LegeribleLibrarySpec spec = library.getSpec();
    Map<Component, Storage> storage = new EnumMap<>(Component.class);
    if (spec.postgres.managedByOperator()) {
      storage.put(Component.POSTGRES, spec.postgres.managed.storage);
    }
    if (spec.kafka.managedByOperator()) {
      storage.put(Component.KAFKA, spec.kafka.managed.storage);
      storage.put(Component.KAFKA_BROKER, spec.kafka.managed.storage);
    }
    if (spec.cassandra.managedByOperator()) {
      storage.put(Component.CASSANDRA, spec.cassandra.managed.storage);
    }
    return storage;
  }

  /** Hands this reconciliation's plans to the StatefulSet dependents. */
  public static void share(
      Context<LegeribleLibrary> context, Map<Component, VolumeExpansion> plans) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, Map.copyOf(plans));
  }

  /** This reconciliation's plan for {@code component}'s StatefulSet. */
  @SuppressWarnings("unchecked")
  static Optional<VolumeExpansion> shared(Context<LegeribleLibrary> context, Component component) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(KEY, Map.class)
        .map(plans -> (VolumeExpansion) plans.get(component));
  }

  /** Whether a StorageClass keeps claims that must grow as they are. */
  public boolean refused() {
    return refusal != null;
  }

  /**
   * One line per claim not yet at the size asked for: about to be grown, or grown but its volume
   * still smaller than the request, with what its resize waits for. Empty when refused (the refusal
   * says it all) or when every volume has its size.
   */
  public List<String> resizing() {
    if (refused()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (PersistentVolumeClaim claim : claims) {
      if (toGrow.contains(claim)) {
        lines.add(
            "claim " + name(claim) + " is asked to grow from " + request(claim) + " to " + size);
        continue;
      }
      Quantity capacity =
          claim.getStatus() == null || claim.getStatus().getCapacity() == null
              ? null
              : claim.getStatus().getCapacity().get("storage");
      if (capacity == null || bytes(capacity).compareTo(bytes(request(claim))) >= 0) {
        continue;
      }
      lines.add(
          "claim "
              + name(claim)
              + " is resizing: requested "
              + request(claim)
              + ", current capacity "
              + capacity
              + waitingFor(claim));
    }
    return lines;
  }

  /** Whether {@code template}'s size differs from the size asked for. */
  public boolean templateDiffers(Quantity template) {
    return bytes(template).compareTo(bytes(new Quantity(size))) != 0;
  }

  /** What a claim's resize waits for, from its conditions; empty when it says nothing. */
  private static String waitingFor(PersistentVolumeClaim claim) {
    List<PersistentVolumeClaimCondition> conditions =
        claim.getStatus().getConditions() == null ? List.of() : claim.getStatus().getConditions();
    String pod = name(claim).substring(CLAIM_TEMPLATE.length() + 1);
    List<String> notes = new ArrayList<>();
    for (PersistentVolumeClaimCondition condition : conditions) {
      if (!"True".equals(condition.getStatus())) {
        continue;
      }
      if ("FileSystemResizePending".equals(condition.getType())) {
        notes.add(
            "the volume has grown; its file system grows when pod "
                + pod
                + " restarts: delete the pod (the StatefulSet re-creates it on the same claim)");
      } else if (condition.getType().endsWith("ResizeError")) {
        notes.add(condition.getType() + ": " + condition.getMessage());
      }
    }
    return notes.isEmpty()
        ? " (waiting for the storage provisioner to expand the volume)"
        : "; " + String.join("; ", notes);
  }

  private static Quantity request(PersistentVolumeClaim claim) {
    var resources = claim.getSpec().getResources();
    Quantity request =
        resources == null || resources.getRequests() == null
            ? null
            : resources.getRequests().get("storage");
    return request == null ? new Quantity("0") : request;
  }

  private static BigDecimal bytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity);
  }

  private static String name(PersistentVolumeClaim claim) {
    return claim.getMetadata().getName();
  }
}
