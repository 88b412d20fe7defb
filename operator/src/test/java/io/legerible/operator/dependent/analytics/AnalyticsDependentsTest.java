package io.legerible.operator.dependent.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.dependent.rankingstream.RankingCheckpointClaimDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.testing.Libraries;
import org.junit.jupiter.api.Test;

class AnalyticsDependentsTest {

  @Test
  void checkpointOutlivesTheLibraryExactlyWhenKafkaAndCassandraDo() {
    var kept =
        new RankingCheckpointClaimDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(kept.getMetadata().getOwnerReferences())
        .as("a re-created library's stream goes on from the offsets it had reached")
        .isEmpty();
    var library = Libraries.city(spec -> spec.kafka.managed.retainOnDelete = false);
    var owned = new RankingCheckpointClaimDependentResource().build(library, Libraries.inputs());
    assertThat(owned.getMetadata().getOwnerReferences())
        .as("offsets into a deleted Kafka log describe nothing")
        .singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("city"));
  }

  @Test
  void rankingStreamRunsSparkInItsPodWithItsTriggerItsWindowAndACheckpointClaim() {
    var library =
        Libraries.city(
            spec -> {
              spec.analytics.rankingStream.triggerSeconds = 2.0;
              spec.analytics.rankingStream.windowMinutes = 30;
              spec.analytics.rankingStream.windowSlideMinutes = 10;
            });
    var deployment =
        new RankingStreamDeploymentDependentResource().build(library, Libraries.inputs());
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken())
        .as("Spark runs in the pod: it never talks to the API server")
        .isFalse();
    assertThat(pod.getVolumes())
        .anySatisfy(
            volume ->
                assertThat(volume.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo("legerible-city-ranking-stream-checkpoint"));
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("legerible/workloads:0.1.0");
    assertThat(container.getArgs()).containsExactly("submit", "ranking-stream");
    assertThat(container.getReadinessProbe().getExec().getCommand())
        .as("ready only while the queries run, as the job says in the file it keeps")
        .containsExactly("test", "-f", "/tmp/legerible-ranking-ready");
    assertThat(container.getEnv())
        .contains(
            new EnvVar(
                PlatformEnvironment.RANKING_READY_FILE, "/tmp/legerible-ranking-ready", null));
    assertThat(ConnectionContract.settings(library))
        .as("the website reads the windows the stream writes, from the platform ConfigMap")
        .containsEntry(PlatformEnvironment.RANKING_WINDOW_MINUTES, "30,10");
    assertThat(container.getEnv())
        .contains(
            new EnvVar(PlatformEnvironment.SPARK_MASTER, "local[2]", null),
            new EnvVar(PlatformEnvironment.SPARK_DRIVER_MEMORY, "768m", null),
            new EnvVar(PlatformEnvironment.RANKING_TRIGGER_SECONDS, "2", null),
            new EnvVar(
                PlatformEnvironment.RANKING_CHECKPOINT_DIR,
                "/var/lib/legerible/checkpoints/ranking-stream",
                null));
    assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName())
        .isEqualTo("legerible-city-platform");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("legerible.io/hash-platform");
  }

  @Test
  void recommendationsRunOnTheScheduleOfTheSpecOneAtATime() {
    var library =
        Libraries.city(
            spec -> {
              spec.analytics.recommendations.schedule = "0 3 * * *";
              spec.analytics.recommendations.suspend = true;
            });
    var cronJob = new RecommendationsCronJobDependentResource().build(library, Libraries.inputs());
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 3 * * *");
    assertThat(cronJob.getSpec().getSuspend()).isTrue();
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getArgs()).containsExactly("submit", "recommendations");
    assertThat(pod.getServiceAccountName()).isEqualTo("legerible-city-spark");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void bookFeedPublishesAtTheRateOfTheSpec() {
    var library = Libraries.city(spec -> spec.bookFeed.ratePerSecond = 25);
    var deployment = new BookFeedDeploymentDependentResource().build(library, Libraries.inputs());
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("book-feed");
    assertThat(container.getEnv())
        .contains(new EnvVar(PlatformEnvironment.FEED_RATE_PER_SECOND, "25", null));
  }
}
