package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** An existing PostgreSQL server and the database to use on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalPostgres extends ExternalService {

  @JsonPropertyDescription("Database name on that server.")
  @Default("legerible")
  @Pattern("^[A-Za-z_][A-Za-z0-9_]{0,62}$")
  public String database = "legerible";
}
