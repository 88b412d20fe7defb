package io.legerible.operator.reconciler;

import io.fabric8.kubernetes.api.model.Quantity;
import io.legerible.operator.api.ComputeResources;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.naming.LibraryNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the CRD schema and its CEL rules cannot express; a library failing one is reported
 * Valid=False and nothing is changed. Pure.
 */
public final class SpecValidator {

  private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,\\-]+|\\?");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");
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
    cron(spec.analytics.recommendations.schedule, problems);
    resources("webapp.resources", spec.webapp.resources, problems);
    if (spec.postgres.managedByOperator()) {
      resources("postgres.managed.resources", spec.postgres.managed.resources, problems);
    }
    if (spec.memcached.managedByOperator()) {
      resources("memcached.managed.resources", spec.memcached.managed.resources, problems);
    }
    if (spec.kafka.managedByOperator()) {
      resources("kafka.managed.resources", spec.kafka.managed.resources, problems);
    }
    if (spec.cassandra.managedByOperator()) {
      resources("cassandra.managed.resources", spec.cassandra.managed.resources, problems);
    }
    resources(
        "analytics.executors.driverResources", spec.analytics.executors.driverResources, problems);
    return problems;
  }

  private static void cron(String schedule, List<String> problems) {
    String where = "analytics.recommendations.schedule '" + schedule + "'";
    String[] fields = schedule == null ? new String[0] : schedule.strip().split("\\s+");
    if (fields.length != 5) {
      problems.add(
          where
              + " must have five fields (minute hour day-of-month month day-of-week),"
              + " e.g. '17 * * * *'");
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
