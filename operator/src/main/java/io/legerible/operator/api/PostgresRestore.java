package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A backup a new library's database starts from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresRestore {

  @JsonPropertyDescription(
      "The backups claim in this namespace holding the dump, e.g. legerible-city-postgres-backups"
          + " (kept when its library was deleted).")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String claim;

  @JsonPropertyDescription(
      "The dump file in that claim, e.g. 20261205T030000Z.dump (status.postgresBackup.file of the"
          + " library that made it).")
  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*\\.dump$")
  public String backup;

  /** A restore of {@code backup} from {@code claim}. */
  public static PostgresRestore of(String claim, String backup) {
    PostgresRestore restore = new PostgresRestore();
    restore.claim = claim;
    restore.backup = backup;
    return restore;
  }
}
