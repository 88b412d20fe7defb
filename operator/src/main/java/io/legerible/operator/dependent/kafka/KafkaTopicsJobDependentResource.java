package io.legerible.operator.dependent.kafka;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.contracts.Topics;
import io.legerible.operator.api.KafkaSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.CreateOnlyDependentResource;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.List;

/**
 * A one-shot Job creating the library topics and their dead-letter topics, on managed or external
 * brokers alike. Created once: later partition changes are not applied to existing topics.
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
    var template = PodTemplates.label(job.getSpec().getTemplate(), library, Component.KAFKA);
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
