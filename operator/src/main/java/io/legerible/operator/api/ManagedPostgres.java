package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Settings of the PostgreSQL server the operator runs (one replica, no replication). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedPostgres {

  @JsonPropertyDescription(
      "Container image; empty for the operator's default (an official postgres image).")
  public String image;

  @JsonPropertyDescription("Database name the website and jobs use.")
  @Default("legerible")
  @Pattern("^[a-z_][a-z0-9_]{0,62}$")
  public String database = "legerible";

  @JsonPropertyDescription("Database user the website and jobs use; its password is generated.")
  @Default("legerible")
  @Pattern("^[a-z_][a-z0-9_]{0,62}$")
  public String user = "legerible";

  @JsonPropertyDescription(
      "Any value, e.g. a date: setting or changing it rotates the generated password of the"
          + " database user. The role gets the new password in PostgreSQL first, then the"
          + " website, the stream, the feed and the jobs roll to it (the server does not restart);"
          + " SpecApplied is False with PasswordRotating until done. Unchanged: the password"
          + " stays.")
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$")
  public String passwordRotation;

  @JsonPropertyDescription("The data volume.")
  @Default("{}")
  public Storage storage = new Storage();

  @JsonPropertyDescription(
      "Keep the data volume when the library is deleted (default true); false deletes it.")
  @Default("true")
  public Boolean retainOnDelete = Boolean.TRUE;

  @JsonPropertyDescription("CPU and memory of the server.")
  public ComputeResources resources;

  @JsonPropertyDescription("Nodes, tolerations and priority of the database pod.")
  public Placement placement;

  @JsonPropertyDescription(
      "Scheduled pg_dump backups onto a claim kept even when the library is deleted; absent for"
          + " none. status.postgresBackup shows the newest.")
  public PostgresBackup backup;

  @JsonPropertyDescription(
      "Start a new database from a backup: only when the database is created (its data volume is"
          + " empty). A library whose database exists is never restored over; set this when"
          + " creating the library. The database pod does not start while the claim or the file is"
          + " missing, and PostgresReady says which.")
  public PostgresRestore restoreFrom;
}
