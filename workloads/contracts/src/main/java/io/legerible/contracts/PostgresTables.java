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

  private PostgresTables() {}
}
