package io.legerible.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.testing.Libraries;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadReadinessTest {

  static final String KAFKA = "legerible-city-kafka";

  @Test
  void missingStatefulSetIsNotReadyAndSaysSo() {
    assertThat(WorkloadReadiness.statefulSet(KAFKA, null, List.of()))
        .isEqualTo(
            Readiness.notReady("Missing", "StatefulSet legerible-city-kafka does not exist yet"));
  }

  @Test
  void rolledOutStatefulSetIsReady() {
    assertThat(WorkloadReadiness.statefulSet(KAFKA, Libraries.readyStatefulSet(kafka()), List.of()))
        .isEqualTo(Readiness.ready("StatefulSet legerible-city-kafka: 1/1 ready"));
  }

  @Test
  void crashLoopingPodIsNamedWithItsReason() {
    StatefulSet statefulSet = Libraries.readyStatefulSet(kafka());
    statefulSet.getStatus().setReadyReplicas(0);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-kafka-0")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .endCondition()
            .addNewContainerStatus()
            .withName("kafka")
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .withMessage("back-off 40s restarting failed container")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    Readiness readiness = WorkloadReadiness.statefulSet(KAFKA, statefulSet, List.of(pod));

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo("PodsFailing");
    assertThat(readiness.message())
        .isEqualTo(
            "StatefulSet legerible-city-kafka: 0/1 ready; pod legerible-city-kafka-0"
                + " CrashLoopBackOff (back-off 40s restarting failed container)");
  }

  @Test
  void unschedulablePodIsNamedWithTheSchedulersMessage() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("legerible-city-kafka-0")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withMessage("0/2 nodes are available: 2 Insufficient memory.")
            .endCondition()
            .endStatus()
            .build();
    StatefulSet statefulSet = Libraries.readyStatefulSet(kafka());
    statefulSet.getStatus().setReadyReplicas(0);
    assertThat(WorkloadReadiness.statefulSet(KAFKA, statefulSet, List.of(pod)).message())
        .endsWith(
            "pod legerible-city-kafka-0 unschedulable (0/2 nodes are available: 2 Insufficient"
                + " memory.)");
  }

  @Test
  void statefulSetWhoseControllerHasNotSeenTheLatestGenerationIsNotReady() {
    StatefulSet statefulSet = Libraries.readyStatefulSet(kafka());
    statefulSet.getMetadata().setGeneration(2L);
    Readiness readiness = WorkloadReadiness.statefulSet(KAFKA, statefulSet, List.of());
    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo("Progressing");
  }

  @Test
  void statefulSetStillRollingOutIsNotReady() {
    StatefulSet statefulSet = Libraries.readyStatefulSet(kafka());
    statefulSet.getStatus().setUpdateRevision("r2");
    assertThat(WorkloadReadiness.statefulSet(KAFKA, statefulSet, List.of()).reason())
        .isEqualTo("RollingOut");
  }

  @Test
  void statefulSetPodBeingReplacedIsRestartingNotRollingOut() {
    StatefulSet statefulSet = Libraries.readyStatefulSet(kafka());
    statefulSet.getStatus().setUpdatedReplicas(0);
    Readiness readiness = WorkloadReadiness.statefulSet(KAFKA, statefulSet, List.of());
    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo("PodsRestarting");
    assertThat(readiness.message()).doesNotContain("rolling out");
  }

  @Test
  void deploymentThatCannotCreatePodsReportsTheControllersComplaint() {
    var deployment =
        Libraries.readyDeployment(
            new MemcachedDeploymentDependentResource().build(Libraries.city(), Libraries.inputs()));
    deployment.getStatus().setAvailableReplicas(0);
    deployment.getStatus().setReadyReplicas(0);
    deployment
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("ReplicaFailure")
                    .withStatus("True")
                    .withReason("FailedCreate")
                    .withMessage("pods \"x\" is forbidden: exceeded quota: no-more-pods")
                    .build()));
    Readiness readiness =
        WorkloadReadiness.deployment("legerible-city-memcached", deployment, List.of());
    assertThat(readiness.reason()).isEqualTo("ReplicaFailure");
    assertThat(readiness.message())
        .isEqualTo(
            "Deployment legerible-city-memcached: 0/1 ready; FailedCreate: pods \"x\" is"
                + " forbidden: exceeded quota: no-more-pods");
  }

  @Test
  void jobIsReadyOnceSucceededAndExplainsFailure() {
    var succeeded =
        new JobBuilder()
            .withNewMetadata()
            .withName("t")
            .endMetadata()
            .withNewStatus()
            .withSucceeded(1)
            .endStatus()
            .build();
    assertThat(WorkloadReadiness.job("t", succeeded).ready()).isTrue();
    var failed =
        new JobBuilder()
            .withNewMetadata()
            .withName("t")
            .endMetadata()
            .withNewStatus()
            .withFailed(7)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason("BackoffLimitExceeded")
                    .withMessage("Job has reached the specified backoff limit")
                    .build())
            .endStatus()
            .build();
    assertThat(WorkloadReadiness.job("t", failed))
        .isEqualTo(
            Readiness.notReady(
                "JobFailed",
                "Job t failed: BackoffLimitExceeded Job has reached the specified backoff limit"));
  }

  static StatefulSet kafka() {
    return new KafkaStatefulSetDependentResource().build(Libraries.city(), Libraries.inputs());
  }
}
