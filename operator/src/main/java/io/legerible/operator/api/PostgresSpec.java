package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** PostgreSQL: run by the operator, or an existing server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.managed) != has(self.external)",
    message = "postgres: set exactly one of managed or external")
@ValidationRule(
    value = "!has(self.external) || has(self.external.credentialsSecret)",
    message = "postgres.external.credentialsSecret is required: the Secret with the database user")
public class PostgresSpec {

  @JsonPropertyDescription("A PostgreSQL StatefulSet run by the operator.")
  public ManagedPostgres managed;

  @JsonPropertyDescription("An existing PostgreSQL server; the operator creates nothing for it.")
  public ExternalPostgres external;

  /** The default: a managed server with default settings. */
  public static PostgresSpec managedByDefault() {
    PostgresSpec spec = new PostgresSpec();
    spec.managed = new ManagedPostgres();
    return spec;
  }

  /** Whether the operator runs the server. */
  public boolean managedByOperator() {
    return managed != null;
  }
}
