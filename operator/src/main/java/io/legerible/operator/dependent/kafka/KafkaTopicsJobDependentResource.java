package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.Topics;
import io.legerible.operator.api.KafkaSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.CreateOnlyDependentResource;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-shot Job creating the library topics and their dead-letter topics, on managed or external
 * brokers alike, and growing their partitions to the spec. The settings it ran with are on the Job;
 * when the spec's differ, or when it failed for good, it is deleted and runs again.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "kafka"))
public class KafkaTopicsJobDependentResource extends CreateOnlyDependentResource<Job> {

  /** The topics every library needs. */
  public static final List<String> TOPICS =
      List.of(
          Topics.LOANS, Topics.LOANS_DEAD_LETTER, Topics.BOOK_SCANS, Topics.BOOK_SCANS_DEAD_LETTER);

  /** Creates the dependent. */
  public KafkaTopicsJobDependentResource() {
    super(Job.class);
  }

  /** Annotation with the topic settings a Job applies, compared with the spec's. */
  public static final String SETTINGS_ANNOTATION = "legerible.io/topic-settings";

  /** The topic settings of {@code library}, as written on its topics Job. */
  public static String settings(LegeribleLibrary library) {
    KafkaSpec kafka = library.getSpec().kafka;
    return "partitions=" + kafka.partitions + ",replicationFactor=" + kafka.topicReplicationFactor;
  }

  @Override
  public ReconcileResult<Job> reconcile(
      LegeribleLibrary library, Context<LegeribleLibrary> context) {
    Optional<Job> actual = getSecondaryResource(library, context);
    if (actual.isPresent() && (outdated(actual.get(), library) || failed(actual.get()))) {
      // A Job's pod template is immutable: run a new one once this one is gone (its deletion
      // brings the library back here).
      context
          .getClient()
          .resource(actual.get())
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
      return ReconcileResult.noOperation(actual.get());
    }
    return super.reconcile(library, context);
  }

  /** Whether the Job ran with other settings than the spec's, and is done with them. */
  static boolean outdated(Job job, LegeribleLibrary library) {
    var annotations = job.getMetadata().getAnnotations();
    String ran = annotations == null ? null : annotations.get(SETTINGS_ANNOTATION);
    return !settings(library).equals(ran) && (succeeded(job) || failed(job));
  }

  private static boolean succeeded(Job job) {
    return job.getStatus() != null
        && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0;
  }

  private static boolean failed(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.kafkaTopicsJob(library);
  }

  @Override
  public Job build(LegeribleLibrary library, DesiredInputs inputs) {
    KafkaSpec kafka = library.getSpec().kafka;
    Job job =
        Skeleton.load(
            getClass(), "topics-job.yaml", Job.class, library, Component.KAFKA, name(library));
    // Mutable: JOSDK adds annotations of its own when it writes the Job.
    job.getMetadata().setAnnotations(new HashMap<>(Map.of(SETTINGS_ANNOTATION, settings(library))));
    var template = PodTemplates.label(job.getSpec().getTemplate(), library, Component.KAFKA);
    if (kafka.managedByOperator()) {
      // Beside the brokers it talks to: wherever their pool is, this Job may run too.
      PodPlacement.apply(template.getSpec(), kafka.managed.placement);
    }
    var container = PodTemplates.container(template, "create-topics");
    container.setImage(
        kafka.managedByOperator() && kafka.managed.image != null && !kafka.managed.image.isBlank()
            ? kafka.managed.image
            : inputs.images().kafka());
    container.setEnv(
        List.of(
            new EnvVar(
                "BOOTSTRAP_SERVERS", ConnectionContract.kafkaBootstrap(library, kafka), null),
            new EnvVar("TOPICS", String.join(" ", TOPICS), null),
            new EnvVar("PARTITIONS", Integer.toString(kafka.partitions), null),
            new EnvVar(
                "REPLICATION_FACTOR", Integer.toString(kafka.topicReplicationFactor), null)));
    return job;
  }
}
