package io.legerible.contracts;

/** The Cassandra data lake: keyspace and table names, shared by writers and readers. */
public final class CassandraTables {

  /** Default keyspace; the replication factor comes from configuration. */
  public static final String KEYSPACE = "legerible";

  /** Every loan event, partitioned by book and day. */
  public static final String LOAN_EVENTS_BY_BOOK_DAY = "loan_events_by_book_day";

  /** Loan counts per sliding window, read by the website's loan-trend chart. */
  public static final String WINDOWED_LOAN_COUNTS = "windowed_loan_counts";

  /** Every recommendation the batch job produced, appended per run. */
  public static final String RECOMMENDATION_HISTORY = "recommendation_history";

  /** Data-path probes the ranking stream received, kept for a limited time (a TTL). */
  public static final String DATA_PATH_PROBES = "data_path_probes";

  private CassandraTables() {}
}
