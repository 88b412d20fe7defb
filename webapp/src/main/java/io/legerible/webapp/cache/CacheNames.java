package io.legerible.webapp.cache;

/** Names of the shared caches; their time-to-live comes from {@code legerible.cache.ttl.*}. */
public final class CacheNames {

  /** Catalogue pages, keyed by search, sort and page. */
  public static final String CATALOGUE = "catalogue";

  /** A book's catalogue record, keyed by id. */
  public static final String BOOKS = "books";

  /** Library totals on the home page. */
  public static final String TOTALS = "totals";

  /** The loan-trend series read from Cassandra. */
  public static final String TREND = "trend";

  private CacheNames() {}
}
