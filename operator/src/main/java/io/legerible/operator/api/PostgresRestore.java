package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A backup a new library's database starts from: a dump on a backups claim or in a bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.claim) != has(self.objectStore)",
    message = "restoreFrom: name exactly one of claim or objectStore, where the backup is")
public class PostgresRestore {

  @JsonPropertyDescription(
      "The backups claim in this namespace holding the dump, e.g. legerible-city-postgres-backups"
          + " (kept when its library was deleted).")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String claim;

  @JsonPropertyDescription(
      "The bucket holding the dump (its prefix is the folder the backing-up library wrote to,"
          + " status.postgresBackup.object; absent, the prefix is this library's"
          + " <namespace>/<library>/).")
  public ObjectStore objectStore;

  @JsonPropertyDescription(
      "The dump file in that claim or folder, e.g. 20261205T030000Z.dump"
          + " (status.postgresBackup.file of the library that made it).")
  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*\\.dump$")
  public String backup;

  /** A restore of {@code backup} from the object store {@code store}. */
  public static PostgresRestore of(ObjectStore store, String backup) {
    PostgresRestore restore = new PostgresRestore();
    restore.objectStore = store;
    restore.backup = backup;
    return restore;
  }

  /** A restore of {@code backup} from {@code claim}. */
  public static PostgresRestore of(String claim, String backup) {
    PostgresRestore restore = new PostgresRestore();
    restore.claim = claim;
    restore.backup = backup;
    return restore;
  }
}
