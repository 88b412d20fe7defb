package io.legerible.operator.status;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The recommendations schedule against its runs: how many times the five-field cron schedule fired
 * since the last successful run (since the CronJob was made when none succeeded). Times are UTC,
 * the CronJob controller's zone when the CronJob names none.
 */
final class RunSchedule {

  /** Reason of a schedule whose runs stopped succeeding without failing. */
  static final String RUNS_OVERDUE = "RunsOverdue";

  /** Counting stops here: the figure only has to say "more than one". */
  private static final int MAX_COUNTED = 100;

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private RunSchedule() {}

  /** Scheduled times after the last success and up to {@code now}; 0 when {@code now} is null. */
  static int runsDueSinceLastSuccess(String schedule, CronJob cronJob, Instant now) {
    String since = lastSuccessOrCreation(cronJob);
    if (now == null || since == null) {
      return 0;
    }
    ExecutionTime times = ExecutionTime.forCron(PARSER.parse(schedule));
    ZonedDateTime end = now.atZone(ZoneOffset.UTC);
    Optional<ZonedDateTime> next = times.nextExecution(Instant.parse(since).atZone(ZoneOffset.UTC));
    int due = 0;
    while (next.isPresent() && !next.get().isAfter(end) && due < MAX_COUNTED) {
      due++;
      next = times.nextExecution(next.get());
    }
    return due;
  }

  /**
   * When the CronJob's last run succeeded, else when it was created; null when neither is known.
   */
  static String lastSuccessOrCreation(CronJob cronJob) {
    if (cronJob.getStatus() != null && cronJob.getStatus().getLastSuccessfulTime() != null) {
      return cronJob.getStatus().getLastSuccessfulTime();
    }
    return cronJob.getMetadata().getCreationTimestamp();
  }
}
