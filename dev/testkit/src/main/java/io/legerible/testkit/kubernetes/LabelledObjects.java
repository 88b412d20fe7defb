package io.legerible.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The namespaced objects an operator manages, found by label on any cluster tier, and who wrote
 * them: to prove that an operator wrote nothing, whatever the cluster's own controllers did.
 */
public final class LabelledObjects {

  /** Every namespaced kind the operator creates. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(
          Secret.class,
          ConfigMap.class,
          Service.class,
          PersistentVolumeClaim.class,
          ServiceAccount.class,
          Role.class,
          RoleBinding.class,
          StatefulSet.class,
          Deployment.class,
          Job.class,
          CronJob.class,
          Ingress.class,
          PodDisruptionBudget.class);

  private LabelledObjects() {}

  /**
   * Every object of the kinds an operator manages in {@code namespace} matching {@code selector}.
   */
  public static List<HasMetadata> list(KubernetesClient client, String namespace, String selector) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : KINDS) {
      objects.addAll(
          client
              .resources(kind)
              .inNamespace(namespace)
              .withLabelSelector(selector)
              .list()
              .getItems());
    }
    return objects;
  }

  /** "Kind/name" → resourceVersion of each object. */
  public static Map<String, String> resourceVersions(List<HasMetadata> objects) {
    Map<String, String> versions = new TreeMap<>();
    objects.forEach(o -> versions.put(key(o), o.getMetadata().getResourceVersion()));
    return versions;
  }

  /**
   * "Kind/name" → the writes {@code manager} last made to it (operation, subresource, time, from
   * the managed fields), for each object it ever wrote. The API server stamps a manager's entry on
   * every change it makes and leaves it alone for a no-op apply, so an unchanged map means the
   * manager changed nothing; controllers' status updates and objects they create do not count.
   */
  public static Map<String, String> writesBy(String manager, List<HasMetadata> objects) {
    Map<String, String> writes = new TreeMap<>();
    for (HasMetadata object : objects) {
      List<ManagedFieldsEntry> entries =
          object.getMetadata().getManagedFields() == null
              ? List.of()
              : object.getMetadata().getManagedFields();
      String written =
          entries.stream()
              .filter(entry -> manager.equals(entry.getManager()))
              .map(
                  entry ->
                      entry.getOperation()
                          + (entry.getSubresource() == null ? "" : " " + entry.getSubresource())
                          + " "
                          + entry.getTime())
              .sorted()
              .collect(Collectors.joining(", "));
      if (!written.isEmpty()) {
        writes.put(key(object), written);
      }
    }
    return writes;
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
