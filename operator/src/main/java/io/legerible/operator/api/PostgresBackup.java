package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Scheduled logical backups of the managed database onto a claim of their own, and optionally
 * copied to an object store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresBackup {

  @JsonPropertyDescription(
      "Cron schedule of the backups (five fields, minute hour day-of-month month day-of-week,"
          + " UTC), e.g. '0 3 * * *'. Each run writes one pg_dump custom-format file named by its"
          + " UTC time, e.g. 20261205T030000Z.dump.")
  @Default("0 3 * * *")
  public String schedule = "0 3 * * *";

  @JsonPropertyDescription("How many backups to keep: each run deletes all but the newest ones.")
  @Default("7")
  @Min(1)
  @Max(1000)
  public Integer retain = 7;

  @JsonPropertyDescription(
      "The backups claim (legerible-<library>-postgres-backups). Created once and never deleted"
          + " by the operator, not even with the library: a restore reads it.")
  @Default("{}")
  public Storage storage = new Storage();

  @JsonPropertyDescription(
      "Also copy every backup to this bucket (after it is complete on the claim), keeping the"
          + " newest `retain` there too: a copy that outlives the cluster. A run whose copy fails"
          + " fails, and PostgresBackupReady says why.")
  public ObjectStore objectStore;

  @JsonPropertyDescription("Suspend the schedule without deleting it.")
  @Default("false")
  public Boolean suspend = Boolean.FALSE;
}
