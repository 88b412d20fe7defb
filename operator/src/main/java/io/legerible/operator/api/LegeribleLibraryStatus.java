package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Observed state of a library: conditions per component, a phase, and where the website is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LegeribleLibraryStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "The last generation whose every object the operator has written (rollouts may still run;"
          + " the SpecApplied condition says when they are done).")
  public Long appliedGeneration;

  @JsonPropertyDescription(
      "Pending, Progressing, Ready, Degraded, Error (reconciliations fail), Paused or Invalid.")
  public String phase;

  @JsonPropertyDescription(
      "Ready, Available (members can browse, search and loan), Degraded (a feature is impaired),"
          + " SpecApplied (every change of this generation is in effect), DataPathReady (probe"
          + " events reach PostgreSQL and Cassandra), Valid, Paused and one per component:"
          + " PostgresReady, MemcachedReady, KafkaReady, CassandraReady, AnalyticsReady,"
          + " WebappReady; PostgresBackupReady when backups are configured.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Readiness of each component, by component name.")
  public Map<String, ComponentStatus> components = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "What members can use, by feature: catalogue, loans, liveRanking, loanTrend,"
          + " recommendations, bookFeed, caching.")
  public Map<String, FeatureStatus> features = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "What the operator's probe events found on the loan path: when the newest arrived, each"
          + " hop's latency, or where they stop.")
  public DataPathStatus dataPath;

  @JsonPropertyDescription(
      "The newest PostgreSQL backup known to have succeeded, when backups are configured.")
  public PostgresBackupStatus postgresBackup;

  @JsonPropertyDescription("Components ready out of all components, e.g. 6/6.")
  public String componentsReady;

  @JsonPropertyDescription("Where the website is reachable.")
  public String url;

  @Override
  public boolean equals(Object o) {
    return o instanceof LegeribleLibraryStatus that
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(appliedGeneration, that.appliedGeneration)
        && Objects.equals(phase, that.phase)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(components, that.components)
        && Objects.equals(features, that.features)
        && Objects.equals(dataPath, that.dataPath)
        && Objects.equals(postgresBackup, that.postgresBackup)
        && Objects.equals(componentsReady, that.componentsReady)
        && Objects.equals(url, that.url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        appliedGeneration,
        phase,
        conditions,
        components,
        features,
        dataPath,
        postgresBackup,
        componentsReady,
        url);
  }
}
