package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** memcached: run by the operator, or existing servers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.managed) != has(self.external)",
    message = "memcached: set exactly one of managed or external")
public class MemcachedSpec {

  @JsonPropertyDescription("A memcached Deployment run by the operator.")
  public ManagedMemcached managed;

  @JsonPropertyDescription("Existing memcached servers; the operator creates nothing for them.")
  public ExternalService external;

  /** The default: managed servers with default settings. */
  public static MemcachedSpec managedByDefault() {
    MemcachedSpec spec = new MemcachedSpec();
    spec.managed = new ManagedMemcached();
    return spec;
  }

  /** Whether the operator runs the servers. */
  public boolean managedByOperator() {
    return managed != null;
  }
}
