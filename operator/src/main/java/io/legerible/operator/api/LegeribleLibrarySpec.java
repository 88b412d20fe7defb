package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of a library: the website, its four backing services, analytics and the feed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.cassandra) || !has(self.cassandra.managed)"
            + " || self.cassandra.replicationFactor <= self.cassandra.managed.replicas",
    message = "cassandra.replicationFactor must not exceed cassandra.managed.replicas")
public class LegeribleLibrarySpec {

  @JsonPropertyDescription("The website: replicas, image, resources and an optional Ingress.")
  @Default("{}")
  public WebappSpec webapp = new WebappSpec();

  @JsonPropertyDescription(
      "PostgreSQL holding books, members, loans, rankings and recommendations:"
          + " exactly one of managed or external.")
  @Default("{\"managed\":{}}")
  public PostgresSpec postgres = PostgresSpec.managedByDefault();

  @JsonPropertyDescription(
      "memcached in front of PostgreSQL for shared website data: exactly one of managed or"
          + " external.")
  @Default("{\"managed\":{}}")
  public MemcachedSpec memcached = MemcachedSpec.managedByDefault();

  @JsonPropertyDescription(
      "Kafka (KRaft) carrying loan and book-scan events: exactly one of managed or external.")
  @Default("{\"managed\":{}}")
  public KafkaSpec kafka = KafkaSpec.managedByDefault();

  @JsonPropertyDescription(
      "Cassandra, the data lake of events and aggregates: exactly one of managed or external.")
  @Default("{\"managed\":{}}")
  public CassandraSpec cassandra = CassandraSpec.managedByDefault();

  @JsonPropertyDescription(
      "Spark analytics: the live loan-ranking stream and the scheduled recommendations batch.")
  @Default("{}")
  public AnalyticsSpec analytics = new AnalyticsSpec();

  @JsonPropertyDescription("The book feed: publishes scanned ISBNs and enriches them into books.")
  @Default("{}")
  public BookFeedSpec bookFeed = new BookFeedSpec();

  @JsonPropertyDescription(
      "Catalogue loaded on first start: goodbooks-10k (10,000 real books), demo (a few books) or"
          + " none.")
  @Default("goodbooks-10k")
  public Catalogue catalogue = Catalogue.GOODBOOKS_10K;

  @JsonPropertyDescription(
      "When true the operator changes nothing and reports Paused; existing objects keep running.")
  @Default("false")
  public Boolean paused = Boolean.FALSE;

  @JsonPropertyDescription(
      "When true every workload is scaled to zero (the recommendations schedule suspended); claims"
          + " and Secrets are kept, and setting it back to false wakes the library with the same"
          + " data.")
  @Default("false")
  public Boolean hibernate = Boolean.FALSE;

  /** Whether the library is asked to hibernate. */
  public boolean hibernating() {
    return Boolean.TRUE.equals(hibernate);
  }
}
