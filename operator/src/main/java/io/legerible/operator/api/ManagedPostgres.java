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
