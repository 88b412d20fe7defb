package io.legerible.operator.status;

import static io.legerible.operator.status.LibraryStatusAssemblerTest.allReady;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibraryStatus;
import io.legerible.operator.testing.Libraries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the data-path probes' verdicts make of a library's status. */
class DataPathStatusTest {

  static final Instant SENT = Instant.parse("2026-11-25T10:00:20Z");
  static final Instant T0 = Instant.parse("2026-11-25T10:00:30Z");
  static final Instant T1 = Instant.parse("2026-11-25T10:01:00Z");
  static final Instant T2 = Instant.parse("2026-11-25T10:01:30Z");

  static final Map<String, Long> HOPS =
      Map.of("kafka", 12L, "rankingStream", 640L, "postgres", 5L, "cassandra", 9L);

  @Test
  void arrivingProbesMakeTheDataPathReadyWithEachHopsLatencyAndTheRankingsFreshness() {
    LegeribleLibrary library = Libraries.city();

    LegeribleLibraryStatus status = assemble(library, DataPathReport.arriving(SENT, HOPS, 3L), T0);

    Condition dataPath = condition(status, "DataPathReady");
    assertThat(dataPath.getStatus()).isEqualTo("True");
    assertThat(dataPath.getReason()).isEqualTo("ProbesArrive");
    assertThat(status.dataPath.latencyMillis).isEqualTo(HOPS);
    assertThat(status.dataPath.lastArrival).isEqualTo("2026-11-25T10:00:20Z");
    assertThat(status.dataPath.failingHop).isNull();
    assertThat(status.features.get("liveRanking").lastSuccess).isEqualTo("2026-11-25T10:00:20Z");
    assertThat(status.features.get("loanTrend").lastSuccess).isEqualTo("2026-11-25T10:00:20Z");
    assertThat(status.features.get("liveRanking").state).isEqualTo(Features.AVAILABLE);
    assertThat(status.dataPath.eventsWaiting).isEqualTo(3L);
    assertThat(status.features.get("liveRanking").eventsWaiting).isEqualTo(3L);
  }

  @Test
  void probesStoppingAtTheStreamNameItWhileEveryComponentStaysReady() {
    LegeribleLibrary library = Libraries.city();
    library.setStatus(assemble(library, DataPathReport.arriving(SENT, HOPS, 3L), T0));

    LegeribleLibraryStatus status =
        assemble(
            library,
            DataPathReport.notArriving(
                DataPathReport.RANKING_STREAM,
                "the probe sent at 2026-11-25T10:00:40Z is in Kafka but the ranking stream has"
                    + " not written it within 20 s",
                SENT,
                42L),
            T1);

    Condition dataPath = condition(status, "DataPathReady");
    assertThat(dataPath.getStatus()).isEqualTo("False");
    assertThat(dataPath.getReason()).isEqualTo("HopFailing");
    assertThat(dataPath.getMessage()).startsWith("rankingStream: the probe sent at");
    assertThat(dataPath.getLastTransitionTime()).isEqualTo("2026-11-25T10:01:00Z");
    assertThat(status.dataPath.failingHop).isEqualTo("rankingStream");
    assertThat(status.dataPath.lastArrival).isEqualTo("2026-11-25T10:00:20Z");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "AnalyticsReady").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    Condition degraded = condition(status, "Degraded");
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getMessage()).contains("liveRanking (", "loanTrend (", "rankingStream");
    assertThat(status.features.get("liveRanking").impairedBy).containsExactly("dataPath");
    assertThat(status.features.get("liveRanking").lastSuccess)
        .as("the ranking is as fresh as the last probe that made it")
        .isEqualTo("2026-11-25T10:00:20Z");
    assertThat(status.features.get("recommendations").state).isEqualTo(Features.AVAILABLE);
    assertThat(status.features.get("liveRanking").eventsWaiting)
        .as("loans pile up behind the stalled stream")
        .isEqualTo(42L);
  }

  @Test
  void probesNotArrivingBeforeAnyDidHoldTheFeaturesAsStartingWithoutDegrading() {
    LegeribleLibrary library = Libraries.city();

    LegeribleLibraryStatus status =
        assemble(
            library,
            DataPathReport.notArriving(
                DataPathReport.POSTGRES,
                "the operator cannot read PostgreSQL: PSQLException: relation data_path_probes"
                    + " does not exist",
                null,
                null),
            T0);

    Condition dataPath = condition(status, "DataPathReady");
    assertThat(dataPath.getStatus()).isEqualTo("False");
    assertThat(dataPath.getReason()).isEqualTo("Starting");
    assertThat(dataPath.getMessage()).startsWith("postgres: the operator cannot read PostgreSQL");
    assertThat(status.features.get("liveRanking").state).isEqualTo(Features.STARTING);
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void noVerdictYetKeepsThePreviousOneAfterAnOperatorRestart() {
    LegeribleLibrary library = Libraries.city();
    LegeribleLibraryStatus before = assemble(library, DataPathReport.arriving(SENT, HOPS, 3L), T0);
    library.setStatus(before);

    LegeribleLibraryStatus status = assemble(library, null, T2);

    assertThat(status).isEqualTo(before);
  }

  @Test
  void aPathNotProbedIsUnknownAndHoldsNothingUp() {
    LegeribleLibrary library = Libraries.city();

    LegeribleLibraryStatus status =
        assemble(
            library,
            DataPathReport.notChecked(
                "This operator does not probe the data path (its data-path interval is 0)"),
            T0);

    Condition dataPath = condition(status, "DataPathReady");
    assertThat(dataPath.getStatus()).isEqualTo("Unknown");
    assertThat(dataPath.getReason()).isEqualTo("NotChecked");
    assertThat(status.dataPath.latencyMillis).isNull();
    assertThat(status.features.get("liveRanking").state).isEqualTo(Features.AVAILABLE);
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void anExternalDatabaseRefusingTheProgramsCredentialsIsNotReadyWithTheServersAnswer() {
    LegeribleLibrary library =
        Libraries.city(spec -> Libraries.useExternalPostgres(spec, "library-db"));

    LegeribleLibraryStatus status =
        assemble(
            library,
            DataPathReport.refusedAt(
                DataPathReport.POSTGRES,
                "the operator cannot read PostgreSQL: PSQLException: FATAL: password"
                    + " authentication failed for user \"library\"",
                null,
                null),
            T0);

    Condition postgres = condition(status, "PostgresReady");
    assertThat(postgres.getStatus()).isEqualTo("False");
    assertThat(postgres.getReason()).isEqualTo("ExternalRefused");
    assertThat(postgres.getMessage())
        .startsWith("Using external PostgreSQL at db.example.org:5432 with the programs' settings")
        .contains("password authentication failed");
    assertThat(condition(status, "Available").getStatus()).isEqualTo("False");
  }

  @Test
  void aStreamThatDoesNotWriteLeavesAnExternalDatabaseReady() {
    LegeribleLibrary library =
        Libraries.city(spec -> Libraries.useExternalPostgres(spec, "library-db"));

    LegeribleLibraryStatus status =
        assemble(
            library,
            DataPathReport.notArriving(
                DataPathReport.RANKING_STREAM, "the probe sent at ... is in Kafka", null, null),
            T0);

    assertThat(condition(status, "PostgresReady").getStatus()).isEqualTo("True");
  }

  private static LegeribleLibraryStatus assemble(
      LegeribleLibrary library, DataPathReport report, Instant now) {
    // The workloads of the all-managed library: a component the library takes from outside
    // ignores its own.
    return LibraryStatusAssembler.assemble(
        library, allReady(Libraries.city()).withDataPath(report), List.of(), now);
  }

  private static Condition condition(LegeribleLibraryStatus status, String type) {
    return Conditions.find(status.conditions, type).orElseThrow();
  }
}
