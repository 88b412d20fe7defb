package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Cassandra: a ring run by the operator, or an existing cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.managed) != has(self.external)",
    message = "cassandra: set exactly one of managed or external")
@ValidationRule(
    value =
        "has(self.managed) || !has(oldSelf.replicationFactor)"
            + " || self.replicationFactor == oldSelf.replicationFactor",
    message =
        "cassandra.replicationFactor of an external Cassandra is immutable: changing it needs"
            + " ALTER KEYSPACE and a full repair on every node, which the operator runs only on a"
            + " ring it manages")
public class CassandraSpec {

  @JsonPropertyDescription("A Cassandra StatefulSet run by the operator.")
  public ManagedCassandra managed;

  @JsonPropertyDescription("An existing Cassandra cluster; the operator creates nothing for it.")
  public ExternalService external;

  @JsonPropertyDescription("Keyspace of the data lake.")
  @Default("legerible")
  @Pattern("^[a-z][a-z0-9_]{0,47}$")
  public String keyspace = "legerible";

  @JsonPropertyDescription(
      "Copies of each row in the keyspace. On a managed ring a change is carried out: ALTER"
          + " KEYSPACE, then a full repair on every node. Immutable for an external Cassandra.")
  @Default("1")
  @Min(1)
  @Max(9)
  public Integer replicationFactor = 1;

  @JsonPropertyDescription("Local datacenter name the clients use.")
  @Default("datacenter1")
  @Pattern("^[A-Za-z0-9_-]{1,48}$")
  public String localDatacenter = "datacenter1";

  /** The default: a managed single-node ring. */
  public static CassandraSpec managedByDefault() {
    CassandraSpec spec = new CassandraSpec();
    spec.managed = new ManagedCassandra();
    return spec;
  }

  /** Whether the operator runs the ring. */
  public boolean managedByOperator() {
    return managed != null;
  }
}
