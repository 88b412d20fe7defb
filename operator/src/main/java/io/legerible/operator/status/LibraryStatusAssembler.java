package io.legerible.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.legerible.operator.api.ComponentStatus;
import io.legerible.operator.api.FeatureStatus;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.dependent.VolumeExpansion;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what the operator observed into a library's status: conditions naming real causes,
 * per-component readiness and time-to-ready, a phase, the website URL. Pure: the same inputs give
 * the same status, so an unchanged world leads to no write.
 */
public final class LibraryStatusAssembler {

  /** Phase while the spec is invalid. */
  public static final String PHASE_INVALID = "Invalid";

  /** Phase while the library hibernates. */
  public static final String PHASE_HIBERNATED = "Hibernated";

  /** Phase while paused. */
  public static final String PHASE_PAUSED = "Paused";

  /** Phase when everything is ready. */
  public static final String PHASE_READY = "Ready";

  /** Phase when something that was ready no longer is. */
  public static final String PHASE_DEGRADED = "Degraded";

  /** Phase while components come up. */
  public static final String PHASE_PROGRESSING = "Progressing";

  /** Phase while the operator's reconciliations fail (the Ready condition says why). */
  public static final String PHASE_ERROR = "Error";

  /** Reason of Ready=False while the operator's reconciliations fail. */
  public static final String REASON_RECONCILE_ERROR = "ReconcileError";

  private LibraryStatusAssembler() {}

  /**
   * The status of {@code library} given what was observed, the spec problems found ({@code
   * problems}, empty when valid) and the time now.
   */
  public static LegeribleLibraryStatus assemble(
      LegeribleLibrary library, LibraryObservation observed, List<String> problems, Instant now) {
    return assemble(
        library,
        observed,
        problems.isEmpty() ? Reconciliation.complete() : Reconciliation.invalid(problems),
        now);
  }

  /** The status of {@code library} after {@code reconciliation}, given what was observed. */
  public static LegeribleLibraryStatus assemble(
      LegeribleLibrary library,
      LibraryObservation observation,
      Reconciliation reconciliation,
      Instant now) {
    LibraryObservation observed = observation.at(now);
    List<String> problems = reconciliation.problems();
    String reconcileError = reconciliation.error();
    LegeribleLibraryStatus previous =
        library.getStatus() == null ? new LegeribleLibraryStatus() : library.getStatus();
    List<Condition> before = previous.conditions == null ? List.of() : previous.conditions;
    long generation =
        library.getMetadata().getGeneration() == null ? 0L : library.getMetadata().getGeneration();
    boolean valid = problems.isEmpty();
    boolean paused = Boolean.TRUE.equals(library.getSpec().paused);

    Map<String, Readiness> readiness = ComponentReadiness.evaluate(library, observed);
    int readyCount = (int) readiness.values().stream().filter(Readiness::ready).count();
    boolean allReady = readyCount == readiness.size();

    LegeribleLibraryStatus status = new LegeribleLibraryStatus();
    status.observedGeneration = generation;
    boolean everythingWritten =
        valid && !paused && reconcileError == null && reconciliation.blocked().isEmpty();
    status.appliedGeneration =
        everythingWritten ? Long.valueOf(generation) : previous.appliedGeneration;
    boolean applied = status.appliedGeneration != null && status.appliedGeneration >= generation;
    status.componentsReady = readyCount + "/" + readiness.size();
    status.url = url(library);

    Map<String, ComponentStatus> components = new LinkedHashMap<>();
    readiness.forEach(
        (component, r) ->
            components.put(
                component,
                componentStatus(
                    library,
                    component,
                    r.ready(),
                    previous.components == null ? null : previous.components.get(component),
                    now)));
    status.components = components;
    status.dataPath = DataPaths.merge(observed.dataPath(), previous.dataPath, now);
    status.postgresBackup = PostgresBackups.newest(library, observed, previous.postgresBackup);
    Map<String, FeatureStatus> features =
        Features.evaluate(
            library,
            observed,
            Features.parts(library, observed, readiness, status.dataPath),
            components,
            status.dataPath);
    status.features = features;

    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        readyCondition(
            library,
            before,
            valid,
            paused,
            allReady,
            applied,
            readiness,
            reconciliation,
            problems,
            reconcileError,
            generation,
            now));
    conditions.add(availableCondition(library, before, features, generation, now));
    conditions.add(degradedCondition(before, features, generation, now));
    conditions.add(
        specAppliedCondition(
            before,
            valid,
            paused,
            reconciliation,
            status.appliedGeneration,
            readiness,
            observed.volumeExpansions(),
            observed.operations(),
            generation,
            now));
    conditions.add(
        DataPaths.condition(observed.dataPath(), status.dataPath, before, generation, now));
    conditions.add(
        Conditions.of(
            before,
            ConditionTypes.VALID,
            valid,
            valid ? "SpecValid" : "InvalidSpec",
            valid
                ? "The spec passed every check"
                : "The spec is invalid, so nothing was changed: "
                    + String.join("; ", problems)
                    + ". Fix the spec and apply it again.",
            generation,
            now));
    conditions.add(
        Conditions.of(
            before,
            ConditionTypes.PAUSED,
            paused,
            paused ? "PausedBySpec" : "Reconciling",
            paused
                ? "spec.paused is true: the operator changes nothing; set it to false to resume"
                : "The operator reconciles this library",
            generation,
            now));
    conditions.add(hibernatedCondition(library, before, observed, generation, now));
    PostgresBackups.condition(library, observed, status.postgresBackup, before, generation, now)
        .ifPresent(conditions::add);
    readiness.forEach(
        (component, r) ->
            conditions.add(
                Conditions.of(
                    before,
                    ComponentReadiness.conditionType(component),
                    r.ready(),
                    r.reason(),
                    r.message(),
                    generation,
                    now)));
    status.conditions = conditions;

    status.phase =
        valid && !paused && reconcileError != null
            ? PHASE_ERROR
            : phase(
                valid, paused, library.getSpec().hibernating(), allReady && applied, components);
    return status;
  }

  private static Condition readyCondition(
      LegeribleLibrary library,
      List<Condition> before,
      boolean valid,
      boolean paused,
      boolean allReady,
      boolean applied,
      Map<String, Readiness> readiness,
      Reconciliation reconciliation,
      List<String> problems,
      String reconcileError,
      long generation,
      Instant now) {
    if (!valid) {
      return Conditions.of(
          before,
          ConditionTypes.READY,
          false,
          "InvalidSpec",
          "The spec is invalid: " + String.join("; ", problems),
          generation,
          now);
    }
    if (paused) {
      return Conditions.of(
          before,
          ConditionTypes.READY,
          false,
          "Paused",
          "spec.paused is true: generation " + generation + " is not reconciled",
          generation,
          now);
    }
    if (library.getSpec().hibernating() && reconcileError == null) {
      return Conditions.of(
          before,
          ConditionTypes.READY,
          false,
          "Hibernated",
          "spec.hibernate is true: every workload is scaled to zero; set it to false to wake the"
              + " library",
          generation,
          now);
    }
    if (reconcileError != null) {
      return Conditions.of(
          before,
          ConditionTypes.READY,
          false,
          REASON_RECONCILE_ERROR,
          "The operator could not apply generation "
              + generation
              + ": "
              + reconcileError
              + ". It retries with backoff (at most a minute apart); this clears once a"
              + " reconciliation succeeds.",
          generation,
          now);
    }
    if (allReady && !applied) {
      // The workflow judged readiness a moment before the observation did: Ready waits for the
      // pass that writes every object of this generation, so it never runs ahead of SpecApplied.
      return Conditions.of(
          before,
          ConditionTypes.READY,
          false,
          "NotApplied",
          "Every component is ready but generation "
              + generation
              + " is not fully applied yet: "
              + String.join("; ", reconciliation.blocked()),
          generation,
          now);
    }
    if (allReady) {
      return Conditions.of(
          before,
          ConditionTypes.READY,
          true,
          "AllComponentsReady",
          readiness.size()
              + "/"
              + readiness.size()
              + " components ready; website at "
              + url(library),
          generation,
          now);
    }
    List<String> waiting = new ArrayList<>();
    readiness.forEach(
        (component, r) -> {
          if (!r.ready()) {
            waiting.add(component + ": " + r.message());
          }
        });
    return Conditions.of(
        before,
        ConditionTypes.READY,
        false,
        "ComponentsNotReady",
        "Waiting for " + String.join("; ", waiting),
        generation,
        now);
  }

  /**
   * Whether hibernation is complete: asked for, and no pod of the library still running (a
   * recommendations run already started finishes first).
   */
  private static Condition hibernatedCondition(
      LegeribleLibrary library,
      List<Condition> before,
      LibraryObservation observed,
      long generation,
      Instant now) {
    if (!library.getSpec().hibernating()) {
      return Conditions.of(
          before,
          ConditionTypes.HIBERNATED,
          false,
          "Awake",
          "The library runs; spec.hibernate: true scales it to zero and keeps its data",
          generation,
          now);
    }
    List<String> running =
        observed.pods().stream()
            .filter(pod -> !WorkloadReadiness.finished(pod))
            .map(pod -> pod.getMetadata().getName())
            .sorted()
            .toList();
    return Conditions.of(
        before,
        ConditionTypes.HIBERNATED,
        running.isEmpty(),
        running.isEmpty() ? "Hibernated" : "ScalingDown",
        running.isEmpty()
            ? "Every workload is scaled to zero; claims and Secrets are kept"
            : running.size()
                + (running.size() == 1 ? " pod" : " pods")
                + " still running: "
                + String.join(", ", running),
        generation,
        now);
  }

  private static Condition specAppliedCondition(
      List<Condition> before,
      boolean valid,
      boolean paused,
      Reconciliation reconciliation,
      Long appliedGeneration,
      Map<String, Readiness> readiness,
      List<VolumeExpansion> volumeExpansions,
      List<OperationInProgress> operations,
      long generation,
      Instant now) {
    String notApplied = "Generation " + generation + " is not applied: ";
    if (!valid) {
      return Conditions.of(
          before,
          ConditionTypes.SPEC_APPLIED,
          false,
          "InvalidSpec",
          notApplied + "the spec is invalid (see Valid)",
          generation,
          now);
    }
    if (paused) {
      return Conditions.of(
          before,
          ConditionTypes.SPEC_APPLIED,
          false,
          "Paused",
          notApplied + "spec.paused is true",
          generation,
          now);
    }
    if (reconciliation.error() != null) {
      return Conditions.of(
          before,
          ConditionTypes.SPEC_APPLIED,
          false,
          REASON_RECONCILE_ERROR,
          notApplied + "the API server refused a change (see Ready)",
          generation,
          now);
    }
    if (appliedGeneration == null || appliedGeneration < generation) {
      return Conditions.of(
          before,
          ConditionTypes.SPEC_APPLIED,
          false,
          "Blocked",
          "Generation "
              + generation
              + " is not fully applied: "
              + String.join(
                  "; ",
                  Stream.concat(
                          reconciliation.blocked().stream(),
                          operations.stream().map(OperationInProgress::message))
                      .toList()),
          generation,
          now);
    }
    // Everything still keeping this generation from being wholly in effect, the work under way
    // first: one reason, every part in the message, so no part hides another.
    List<OperationInProgress> parts = new ArrayList<>(operations);
    List<String> refused =
        volumeExpansions.stream()
            .filter(VolumeExpansion::refused)
            .map(VolumeExpansion::refusal)
            .toList();
    if (!refused.isEmpty()) {
      parts.add(
          new OperationInProgress(
              VolumeExpansion.NOT_ALLOWED, "its storage size: " + String.join("; ", refused)));
    }
    List<String> resizing =
        volumeExpansions.stream().flatMap(expansion -> expansion.resizing().stream()).toList();
    if (!resizing.isEmpty()) {
      parts.add(
          new OperationInProgress(
              VolumeExpansion.RESIZING,
              "its storage size, still growing: " + String.join("; ", resizing)));
    }
    List<String> rolling = new ArrayList<>();
    readiness.forEach(
        (component, r) -> {
          if (ROLLING_OUT_REASONS.contains(r.reason())) {
            rolling.add(component + ": " + r.message());
          }
        });
    if (!rolling.isEmpty()) {
      parts.add(
          new OperationInProgress(
              "RollingOut", "what is still rolling out: " + String.join("; ", rolling)));
    }
    if (!parts.isEmpty()) {
      return Conditions.of(
          before,
          ConditionTypes.SPEC_APPLIED,
          false,
          parts.get(0).reason(),
          "Generation "
              + generation
              + " is in effect except "
              + parts.stream().map(OperationInProgress::message).collect(Collectors.joining("; ")),
          generation,
          now);
    }
    return Conditions.of(
        before,
        ConditionTypes.SPEC_APPLIED,
        true,
        "Applied",
        "Generation " + generation + " is in effect: every object written and rolled out",
        generation,
        now);
  }

  /** Readiness reasons of a workload still applying the latest change. */
  private static final Set<String> ROLLING_OUT_REASONS =
      Set.of("Progressing", WorkloadReadiness.ROLLING_OUT);

  private static Condition availableCondition(
      LegeribleLibrary library,
      List<Condition> before,
      Map<String, FeatureStatus> features,
      long generation,
      Instant now) {
    if (Features.coreAvailable(features)) {
      return Conditions.of(
          before,
          ConditionTypes.AVAILABLE,
          true,
          "CoreFeaturesAvailable",
          "Members can browse, search and loan at " + url(library),
          generation,
          now);
    }
    if (library.getSpec().hibernating()) {
      return Conditions.of(
          before,
          ConditionTypes.AVAILABLE,
          false,
          ComponentReadiness.HIBERNATED,
          "The library hibernates; set spec.hibernate to false to serve members again",
          generation,
          now);
    }
    List<String> core = new ArrayList<>();
    boolean starting = false;
    for (String name : List.of("catalogue", "loans")) {
      FeatureStatus feature = features.get(name);
      if (!Features.AVAILABLE.equals(feature.state)) {
        core.add(name + ": " + feature.message);
        starting |= Features.STARTING.equals(feature.state);
      }
    }
    return Conditions.of(
        before,
        ConditionTypes.AVAILABLE,
        false,
        starting ? "Starting" : "CoreFeaturesImpaired",
        String.join("; ", core),
        generation,
        now);
  }

  private static Condition degradedCondition(
      List<Condition> before, Map<String, FeatureStatus> features, long generation, Instant now) {
    List<String> impaired = Features.impaired(features);
    if (impaired.isEmpty()) {
      return Conditions.of(
          before,
          ConditionTypes.DEGRADED,
          false,
          "NoFeatureImpaired",
          "No feature that has worked is impaired",
          generation,
          now);
    }
    return Conditions.of(
        before,
        ConditionTypes.DEGRADED,
        true,
        "FeaturesImpaired",
        "Impaired: "
            + String.join(
                "; ",
                impaired.stream()
                    .map(name -> name + " (" + features.get(name).message + ")")
                    .toList()),
        generation,
        now);
  }

  private static ComponentStatus componentStatus(
      LegeribleLibrary library,
      String component,
      boolean ready,
      ComponentStatus previous,
      Instant now) {
    String mode = ComponentReadiness.mode(library, component);
    if (previous != null && previous.ready != null && previous.ready == ready) {
      return ComponentStatus.of(ready, mode, previous.since, previous.secondsToReady);
    }
    String created = library.getMetadata().getCreationTimestamp();
    String start =
        previous == null ? (created == null ? Conditions.timestamp(now) : created) : previous.since;
    if (ready) {
      long seconds = Math.max(0, Duration.between(Instant.parse(start), now).toSeconds());
      return ComponentStatus.of(true, mode, Conditions.timestamp(now), seconds);
    }
    return ComponentStatus.of(
        false,
        mode,
        previous == null ? start : Conditions.timestamp(now),
        previous == null ? null : previous.secondsToReady);
  }

  private static String phase(
      boolean valid,
      boolean paused,
      boolean hibernating,
      boolean allReady,
      Map<String, ComponentStatus> components) {
    if (!valid) {
      return PHASE_INVALID;
    }
    if (paused) {
      return PHASE_PAUSED;
    }
    if (hibernating) {
      return PHASE_HIBERNATED;
    }
    if (allReady) {
      return PHASE_READY;
    }
    boolean lostReadiness =
        components.values().stream()
            .anyMatch(c -> !Boolean.TRUE.equals(c.ready) && c.secondsToReady != null);
    return lostReadiness ? PHASE_DEGRADED : PHASE_PROGRESSING;
  }

  /** Where the website is: its Ingress host when it has one, else its in-cluster Service. */
  public static String url(LegeribleLibrary library) {
    var ingress = library.getSpec().webapp.ingress;
    if (ingress != null && ingress.host != null) {
      return (ingress.tlsSecret == null ? "http://" : "https://") + ingress.host + "/";
    }
    return "http://" + LibraryNaming.serviceHost(library, Component.WEBAPP) + "/";
  }
}
