package io.legerible.operator.dependent.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.testing.Libraries;
import org.junit.jupiter.api.Test;

class AnalyticsDependentsTest {

  @Test
  void rankingStreamSubmitsTheStreamWithItsTriggerAndWindow() {
    var library =
        Libraries.city(
            spec -> {
              spec.analytics.rankingStream.triggerSeconds = 2;
              spec.analytics.rankingStream.windowMinutes = 30;
              spec.analytics.rankingStream.windowSlideMinutes = 10;
            });
    var deployment =
        new RankingStreamDeploymentDependentResource().build(library, Libraries.inputs());
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("legerible-city-spark");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("legerible/workloads:0.1.0");
    assertThat(container.getArgs()).containsExactly("submit", "ranking-stream");
    assertThat(container.getEnv())
        .contains(
            new EnvVar(PlatformEnvironment.RANKING_TRIGGER_SECONDS, "2", null),
            new EnvVar(PlatformEnvironment.RANKING_WINDOW_MINUTES, "30,10", null),
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
