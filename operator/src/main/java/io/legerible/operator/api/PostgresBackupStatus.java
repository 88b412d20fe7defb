package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The newest backup known to have succeeded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresBackupStatus {

  @JsonPropertyDescription("When the run that wrote it finished (RFC 3339, UTC).")
  public String lastSuccessfulTime;

  @JsonPropertyDescription(
      "The dump's file name in the backups claim: what restoreFrom.backup names.")
  public String file;

  @JsonPropertyDescription("The dump's size in bytes.")
  public Long sizeBytes;

  @JsonPropertyDescription("The claim holding it: what restoreFrom.claim names.")
  public String claim;

  @JsonPropertyDescription(
      "Its copy in the object store, s3://<bucket>/<key>, when backup.objectStore is set.")
  public String object;

  /** The status of one backup. */
  public static PostgresBackupStatus of(
      String lastSuccessfulTime, String file, long sizeBytes, String claim) {
    PostgresBackupStatus status = new PostgresBackupStatus();
    status.lastSuccessfulTime = lastSuccessfulTime;
    status.file = file;
    status.sizeBytes = sizeBytes;
    status.claim = claim;
    return status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PostgresBackupStatus that
        && Objects.equals(lastSuccessfulTime, that.lastSuccessfulTime)
        && Objects.equals(file, that.file)
        && Objects.equals(sizeBytes, that.sizeBytes)
        && Objects.equals(claim, that.claim)
        && Objects.equals(object, that.object);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastSuccessfulTime, file, sizeBytes, claim, object);
  }
}
