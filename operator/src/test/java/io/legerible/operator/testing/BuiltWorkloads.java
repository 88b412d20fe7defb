package io.legerible.operator.testing;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.bookfeed.BookFeedDeploymentDependentResource;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokerStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.postgres.PostgresStatefulSetDependentResource;
import io.legerible.operator.dependent.rankingstream.RankingStreamDeploymentDependentResource;
import io.legerible.operator.dependent.recommendations.RecommendationsCronJobDependentResource;
import io.legerible.operator.dependent.webapp.WebappDeploymentDependentResource;
import java.util.Map;
import java.util.TreeMap;

/** Every workload the dependents' pure builders make for one library, keyed by component. */
public record BuiltWorkloads(
    Map<String, StatefulSet> statefulSets,
    Map<String, Deployment> deployments,
    CronJob recommendations) {

  /** The workloads built for {@code library} from {@code inputs}. */
  public static BuiltWorkloads of(LegeribleLibrary library, DesiredInputs inputs) {
    Map<String, StatefulSet> statefulSets = new TreeMap<>();
    statefulSets.put("postgres", new PostgresStatefulSetDependentResource().build(library, inputs));
    statefulSets.put("kafka", new KafkaStatefulSetDependentResource().build(library, inputs));
    statefulSets.put(
        "kafka-broker", new KafkaBrokerStatefulSetDependentResource().build(library, inputs));
    statefulSets.put(
        "cassandra", new CassandraStatefulSetDependentResource().build(library, inputs));
    Map<String, Deployment> deployments = new TreeMap<>();
    deployments.put("memcached", new MemcachedDeploymentDependentResource().build(library, inputs));
    deployments.put(
        "ranking-stream", new RankingStreamDeploymentDependentResource().build(library, inputs));
    deployments.put("book-feed", new BookFeedDeploymentDependentResource().build(library, inputs));
    deployments.put("webapp", new WebappDeploymentDependentResource().build(library, inputs));
    return new BuiltWorkloads(
        statefulSets,
        deployments,
        new RecommendationsCronJobDependentResource().build(library, inputs));
  }

  /** The StatefulSets keyed by their object names, as the operator's caches hold them. */
  public Map<String, StatefulSet> statefulSetsByName() {
    Map<String, StatefulSet> byName = new TreeMap<>();
    statefulSets.values().forEach(s -> byName.put(s.getMetadata().getName(), s));
    return byName;
  }

  /** The pod template of every workload, the recommendations runs' included. */
  public Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> templates = new TreeMap<>();
    statefulSets.forEach((component, s) -> templates.put(component, s.getSpec().getTemplate()));
    deployments.forEach((component, d) -> templates.put(component, d.getSpec().getTemplate()));
    templates.put(
        "recommendations", recommendations.getSpec().getJobTemplate().getSpec().getTemplate());
    return templates;
  }

  /** The replicas of every StatefulSet and Deployment. */
  public Map<String, Integer> replicas() {
    Map<String, Integer> replicas = new TreeMap<>();
    statefulSets.forEach((component, s) -> replicas.put(component, s.getSpec().getReplicas()));
    deployments.forEach((component, d) -> replicas.put(component, d.getSpec().getReplicas()));
    return replicas;
  }
}
