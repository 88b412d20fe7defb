package io.legerible.contracts;

/**
 * PostgreSQL tables that cross a module boundary. The website's Flyway migrations own the schema;
 * the Spark jobs and the book feed write into these tables by these names.
 */
public final class PostgresTables {

  /** The catalogue: one row per ISBN-13. */
  public static final String BOOKS = "books";

  /** Live loan ranking written by the stream job and read by the home page. */
  public static final String BOOK_RANKING = "book_ranking";

  /** Top recommendations per member written by the batch job and read by the profile page. */
  public static final String RECOMMENDATIONS = "recommendations";

  /** Loan history read by the recommendations job. */
  public static final String LOANS = "loans";

  /**
   * Data-path probes the ranking stream received, written in the ranking's transaction and read by
   * the operator; rows older than {@link #PROBE_RETENTION_HOURS} are pruned by the stream.
   */
  public static final String DATA_PATH_PROBES = "data_path_probes";

  /**
   * The next offset the ranking stream will read, per partition of {@link Topics#LOANS}, written in
   * the ranking's transaction: the topic's end minus this is what waits to be counted.
   */
  public static final String RANKING_STREAM_POSITIONS = "ranking_stream_positions";

  /**
   * Loans per book in the ranking stream's sliding windows, counted in the ranking's transaction
   * and copied to {@link CassandraTables#WINDOWED_LOAN_COUNTS}; a window is kept, and still counts
   * a late loan, until {@link #LOAN_WINDOW_LATENESS_HOURS} after it ended.
   */
  public static final String LOAN_WINDOW_COUNTS = "loan_window_counts";

  /** How long after a window ended a late loan still counts in it. */
  public static final int LOAN_WINDOW_LATENESS_HOURS = 24;

  /** How long probe rows are kept, in PostgreSQL and (as a TTL) in Cassandra. */
  public static final int PROBE_RETENTION_HOURS = 1;

  private PostgresTables() {}
}
