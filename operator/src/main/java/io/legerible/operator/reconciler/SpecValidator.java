package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.legerible.operator.api.ComputeResources;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.api.Placement;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.postgres.PostgresCredentialsDependentResource;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the CRD schema and its CEL rules cannot express; a library failing one is reported
 * Valid=False and nothing is changed. Pure.
 */
public final class SpecValidator {

  private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,\\-]+|\\?");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");
  private static final String LABEL_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern LABEL_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?" + LABEL_NAME);
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + LABEL_NAME + ")?");
  private static final String LABEL_NAME_RULE =
      "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  private static final int[][] CRON_RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final String[] CRON_NAMES = {
    "minute", "hour", "day of month", "month", "day of week"
  };

  private SpecValidator() {}

  /** Every problem found, each saying what is wrong and what to do; empty when valid. */
  public static List<String> validate(LegeribleLibrary library) {
    List<String> problems = new ArrayList<>();
    String name = library.getMetadata().getName();
    if (name != null && name.length() > LibraryNaming.MAX_LIBRARY_NAME_LENGTH) {
      problems.add(
          "metadata.name '"
              + name
              + "' is "
              + name.length()
              + " characters long; use at most "
              + LibraryNaming.MAX_LIBRARY_NAME_LENGTH
              + " so the names of its pods stay within Kubernetes limits");
    }
    LegeribleLibrarySpec spec = library.getSpec();
    cron(
        "analytics.recommendations.schedule",
        spec.analytics.recommendations.schedule,
        "17 * * * *",
        problems);
    resources("webapp.resources", spec.webapp.resources, problems);
    placement("webapp.placement", spec.webapp.placement, problems);
    placement("bookFeed.placement", spec.bookFeed.placement, problems);
    placement("analytics.placement", spec.analytics.placement, problems);
    if (spec.postgres.managedByOperator()) {
      if (PostgresCredentialsDependentResource.SUPERUSER.equals(spec.postgres.managed.user)) {
        problems.add(
            "postgres.managed.user 'postgres' is the superuser's name; the website and the jobs"
                + " connect as a role of their own: choose another name (default legerible)");
      }
      if (spec.postgres.managed.backup != null) {
        cron(
            "postgres.managed.backup.schedule",
            spec.postgres.managed.backup.schedule,
            "0 3 * * *",
            problems);
      }
      resources("postgres.managed.resources", spec.postgres.managed.resources, problems);
      placement("postgres.managed.placement", spec.postgres.managed.placement, problems);
    }
    if (spec.memcached.managedByOperator()) {
      resources("memcached.managed.resources", spec.memcached.managed.resources, problems);
      placement("memcached.managed.placement", spec.memcached.managed.placement, problems);
    }
    if (spec.kafka.managedByOperator()) {
      resources("kafka.managed.resources", spec.kafka.managed.resources, problems);
      placement("kafka.managed.placement", spec.kafka.managed.placement, problems);
    }
    if (spec.cassandra.managedByOperator()) {
      resources("cassandra.managed.resources", spec.cassandra.managed.resources, problems);
      placement("cassandra.managed.placement", spec.cassandra.managed.placement, problems);
    }
    resources(
        "analytics.rankingStream.resources", spec.analytics.rankingStream.resources, problems);
    if (problems.isEmpty()) {
      memoryFits(library, problems);
    }
    return problems;
  }

  /**
   * A server sized in absolute terms (Cassandra's heap, memcached's cache) must leave room in its
   * container's memory limit, as the pod will have it (the spec's limit or the default), or the
   * kernel kills it under load instead of the library reporting why.
   */
  private static void memoryFits(LegeribleLibrary library, List<String> problems) {
    LegeribleLibrarySpec spec = library.getSpec();
    DesiredInputs inputs = DesiredInputs.of(DefaultImages.BUILT_IN, Map.of());
    if (spec.cassandra.managedByOperator()) {
      String heapSize = spec.cassandra.managed.heapSize;
      long heapMib = Long.parseLong(heapSize.substring(0, heapSize.length() - 1));
      heapMib *= heapSize.endsWith("G") ? 1024 : 1;
      // Cassandra keeps memtables, bloom filters, caches and direct buffers off the heap.
      long neededMib = heapMib * 2;
      var template = new CassandraStatefulSetDependentResource().build(library, inputs);
      Quantity limit = memoryLimit(template.getSpec().getTemplate(), "cassandra");
      if (mebibytes(limit) < neededMib) {
        problems.add(
            "cassandra.managed.heapSize "
                + heapSize
                + " needs a memory limit of at least "
                + neededMib
                + "Mi (the heap again for off-heap memory) but the limit is "
                + limit
                + "; raise cassandra.managed.resources.memoryLimit or lower the heap");
      }
    }
    if (spec.memcached.managedByOperator()) {
      long cacheMib = spec.memcached.managed.memoryMegabytes;
      // Connections, hash table and slab overhead come on top of the cache itself (-m).
      long neededMib = cacheMib + Math.max(32, cacheMib / 4);
      var deployment = new MemcachedDeploymentDependentResource().build(library, inputs);
      Quantity limit = memoryLimit(deployment.getSpec().getTemplate(), "memcached");
      if (mebibytes(limit) < neededMib) {
        problems.add(
            "memcached.managed.memoryMegabytes "
                + cacheMib
                + " needs a memory limit of at least "
                + neededMib
                + "Mi (the cache and its connections) but the limit is "
                + limit
                + "; raise memcached.managed.resources.memoryLimit or lower the cache");
      }
    }
  }

  private static Quantity memoryLimit(PodTemplateSpec template, String container) {
    return PodTemplates.container(template, container).getResources().getLimits().get("memory");
  }

  private static long mebibytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).longValue() / (1024 * 1024);
  }

  /**
   * A five-field cron schedule, as the CronJob controller reads it ({@code example}: a valid one).
   */
  private static void cron(String field, String schedule, String example, List<String> problems) {
    String where = field + " '" + schedule + "'";
    String[] fields = schedule == null ? new String[0] : schedule.strip().split("\\s+");
    if (fields.length != 5) {
      problems.add(
          where
              + " must have five fields (minute hour day-of-month month day-of-week),"
              + " e.g. '"
              + example
              + "'");
      return;
    }
    for (int i = 0; i < fields.length; i++) {
      if (!CRON_FIELD.matcher(fields[i]).matches()) {
        problems.add(where + ": the " + CRON_NAMES[i] + " field '" + fields[i] + "' is not valid");
        return;
      }
      Matcher numbers = NUMBER.matcher(fields[i]);
      while (numbers.find()) {
        int value = Integer.parseInt(numbers.group());
        boolean isStep = numbers.start() > 0 && fields[i].charAt(numbers.start() - 1) == '/';
        if (!isStep && (value < CRON_RANGES[i][0] || value > CRON_RANGES[i][1])) {
          problems.add(
              where
                  + ": "
                  + value
                  + " is outside the "
                  + CRON_NAMES[i]
                  + " range "
                  + CRON_RANGES[i][0]
                  + "-"
                  + CRON_RANGES[i][1]);
          return;
        }
      }
    }
  }

  /**
   * Node selector and toleration keys must be label keys and selector values label values: the API
   * server would refuse every pod of the component otherwise, after the library was accepted.
   */
  private static void placement(String where, Placement placement, List<String> problems) {
    if (placement == null) {
      return;
    }
    if (placement.nodeSelector != null) {
      placement.nodeSelector.forEach(
          (key, value) -> {
            labelKey(where + ".nodeSelector", key, problems);
            if (value == null || !labelValue(value)) {
              problems.add(
                  where
                      + ".nodeSelector value '"
                      + value
                      + "' of "
                      + key
                      + " is not a label value: "
                      + LABEL_NAME_RULE);
            }
          });
    }
    if (placement.tolerations != null) {
      for (Placement.Toleration toleration : placement.tolerations) {
        if (toleration.key != null && !toleration.key.isEmpty()) {
          labelKey(where + ".tolerations", toleration.key, problems);
        }
        if (toleration.value != null && !labelValue(toleration.value)) {
          problems.add(
              where
                  + ".tolerations value '"
                  + toleration.value
                  + "' is not a taint value: "
                  + LABEL_NAME_RULE);
        }
      }
    }
  }

  private static void labelKey(String where, String key, List<String> problems) {
    int slash = key.lastIndexOf('/');
    boolean valid =
        LABEL_KEY.matcher(key).matches()
            && key.length() - slash - 1 <= 63
            && (slash < 0 || slash <= 253);
    if (!valid) {
      problems.add(
          where
              + " key '"
              + key
              + "' is not a label key: an optional DNS prefix and '/', then "
              + LABEL_NAME_RULE
              + " (e.g. topology.kubernetes.io/zone)");
    }
  }

  private static boolean labelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  private static void resources(String where, ComputeResources resources, List<String> problems) {
    if (resources == null) {
      return;
    }
    atMost(where, "cpuRequest", resources.cpuRequest, "cpuLimit", resources.cpuLimit, problems);
    atMost(
        where,
        "memoryRequest",
        resources.memoryRequest,
        "memoryLimit",
        resources.memoryLimit,
        problems);
  }

  private static void atMost(
      String where,
      String requestName,
      String request,
      String limitName,
      String limit,
      List<String> problems) {
    if (request == null || limit == null) {
      return;
    }
    if (Quantity.getAmountInBytes(new Quantity(request))
            .compareTo(Quantity.getAmountInBytes(new Quantity(limit)))
        > 0) {
      problems.add(
          where
              + "."
              + requestName
              + " "
              + request
              + " exceeds "
              + limitName
              + " "
              + limit
              + "; raise the limit or lower the request");
    }
  }
}
