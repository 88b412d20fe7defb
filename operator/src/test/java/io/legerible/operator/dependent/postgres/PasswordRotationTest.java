package io.legerible.operator.dependent.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.postgres.PasswordRotation.Action;
import io.legerible.operator.dependent.postgres.PasswordRotation.Step;
import io.legerible.operator.testing.Libraries;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each step of a password rotation, judged from the spec, the Secret and the Job. */
class PasswordRotationTest {

  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void noRotationAskedForDoesNothing() {
    assertThat(decide(Libraries.city(), secret(null, null), null, true).action())
        .isEqualTo(Action.NONE);
  }

  @Test
  void aSecretMadeForTheRotationTheSpecNamesIsNotRotatedAgain() {
    var library = rotation("2026-12-05");
    var created = new PostgresCredentialsDependentResource().generate(library);

    assertThat(created.getMetadata().getAnnotations())
        .containsEntry(PasswordRotation.ROTATION_ANNOTATION, "2026-12-05");
    assertThat(decide(library, secret("2026-12-05", null), null, true).action())
        .isEqualTo(Action.NONE);
  }

  @Test
  void aNewRotationFirstGeneratesTheNextPassword() {
    Step step = decide(rotation("2026-12-05"), secret(null, null), null, true);

    assertThat(step.action()).isEqualTo(Action.GENERATE);
    assertThat(step.rotation()).isEqualTo("2026-12-05");
    assertThat(step.reason()).isEqualTo(PasswordRotation.ROTATING);
  }

  @Test
  void theRoleIsGivenTheNextPasswordOnlyOnceTheDatabaseTakesConnections() {
    var library = rotation("r2");
    Step waiting = decide(library, secret("r1", "r2"), null, false);
    assertThat(waiting.action()).isEqualTo(Action.WAIT);
    assertThat(waiting.message()).contains("waiting for PostgreSQL");

    Step starting = decide(library, secret("r1", "r2"), null, true);
    assertThat(starting.action()).isEqualTo(Action.CREATE_JOB);
    assertThat(starting.rotation()).isEqualTo("r2");
  }

  @Test
  void aNextPasswordIsCarriedThroughEvenWhenTheSpecIsSetBack() {
    // The Job may already have given the role the next password: dropping it would lock out
    // every program once its connections are renewed.
    Step step = decide(rotation("r1"), secret("r1", "r2"), null, true);

    assertThat(step.action()).isEqualTo(Action.CREATE_JOB);
    assertThat(step.rotation()).isEqualTo("r2");
  }

  @Test
  void aSucceededJobSwapsTheSecretsPasswordAndAJobLeftAfterwardsIsDeleted() {
    var library = rotation("r2");
    Step swap = decide(library, secret("r1", "r2"), job("r2", "Complete", NOW), true);
    assertThat(swap.action()).isEqualTo(Action.SWAP);
    assertThat(swap.rotation()).isEqualTo("r2");

    Step cleanup = decide(library, secret("r2", null), job("r2", "Complete", NOW), true);
    assertThat(cleanup.action()).isEqualTo(Action.DELETE_JOB);
    assertThat(cleanup.reason()).isNull();
  }

  @Test
  void aJobOfAnotherRotationIsReplaced() {
    Step step = decide(rotation("r3"), secret("r1", "r3"), job("r2", null, null), true);

    assertThat(step.action()).isEqualTo(Action.DELETE_JOB);
    assertThat(step.rotation()).isEqualTo("r3");
  }

  @Test
  void aFailedJobIsReportedWithItsCauseThenRunAgain() {
    var library = rotation("r2");
    Step reported =
        decide(library, secret("r1", "r2"), job("r2", "Failed", NOW.minusSeconds(30)), true);
    assertThat(reported.action()).isEqualTo(Action.WAIT);
    assertThat(reported.failed()).isTrue();
    assertThat(reported.message())
        .contains("role legerible could not be given its next password")
        .contains("BackoffLimitExceeded")
        .contains("the programs keep the current one")
        .contains("trying again at 2026-12-05T10:01:30Z");

    Step retried =
        decide(
            library,
            secret("r1", "r2"),
            job("r2", "Failed", NOW.minus(PasswordRotation.RETRY_AFTER)),
            true);
    assertThat(retried.action()).isEqualTo(Action.DELETE_JOB);
    assertThat(retried.failed()).isTrue();
  }

  @Test
  void jobRunsOnTheDatabasesImageWithEveryPasswordFromTheSecret() {
    var library = rotation("r2");
    Job job = PasswordRotation.job(library, "r2", DefaultImages.BUILT_IN);

    assertThat(job.getMetadata().getName()).isEqualTo("legerible-city-postgres-password");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(PasswordRotation.ROTATION_ANNOTATION, "r2");
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(DefaultImages.BUILT_IN.postgres());
    Map<String, String> fromSecret = new HashMap<>();
    for (EnvVar env : container.getEnv()) {
      if (env.getValueFrom() != null) {
        var key = env.getValueFrom().getSecretKeyRef();
        assertThat(key.getName()).isEqualTo("legerible-city-postgres-credentials");
        fromSecret.put(env.getName(), key.getKey());
      }
    }
    assertThat(fromSecret)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PGPASSWORD", "superuser-password", "NEXT_PASSWORD", "next-password"));
    assertThat(container.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(tuple("PGHOST", "legerible-city-postgres.town.svc"), tuple("ROLE", "legerible"));
  }

  static LegeribleLibrary rotation(String rotation) {
    return Libraries.city(spec -> spec.postgres.managed.passwordRotation = rotation);
  }

  static Step decide(LegeribleLibrary library, Secret secret, Job job, boolean databaseReady) {
    return PasswordRotation.decide(library, secret, job, List.of(), databaseReady, NOW);
  }

  /** The credentials Secret answering {@code applied}, with a next password for {@code next}. */
  static Secret secret(String applied, String next) {
    Map<String, String> annotations = new HashMap<>();
    Map<String, String> data =
        new HashMap<>(Map.of("username", "bGVnZXJpYmxl", "password", "cDE="));
    if (applied != null) {
      annotations.put(PasswordRotation.ROTATION_ANNOTATION, applied);
    }
    if (next != null) {
      annotations.put(PasswordRotation.NEXT_ROTATION_ANNOTATION, next);
      data.put(PasswordRotation.NEXT_PASSWORD_KEY, "cDI=");
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName("legerible-city-postgres-credentials")
        .withNamespace("library")
        .withAnnotations(annotations)
        .endMetadata()
        .withData(data)
        .build();
  }

  /**
   * The rotation Job of {@code rotation}, finished as {@code outcome} at {@code at} (or running).
   */
  static Job job(String rotation, String outcome, Instant at) {
    var builder =
        new JobBuilder()
            .withNewMetadata()
            .withName("legerible-city-postgres-password")
            .withNamespace("library")
            .withAnnotations(Map.of(PasswordRotation.ROTATION_ANNOTATION, rotation))
            .endMetadata()
            .withNewStatus()
            .withSucceeded("Complete".equals(outcome) ? 1 : 0)
            .withFailed("Failed".equals(outcome) ? 4 : 0);
    if (outcome != null) {
      builder =
          builder
              .addNewCondition()
              .withType(outcome)
              .withStatus("True")
              .withReason("Failed".equals(outcome) ? "BackoffLimitExceeded" : null)
              .withMessage("Failed".equals(outcome) ? "Job has reached the backoff limit" : null)
              .withLastTransitionTime(at.toString())
              .endCondition();
    }
    return builder.endStatus().build();
  }
}
