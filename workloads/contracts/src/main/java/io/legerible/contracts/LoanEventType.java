package io.legerible.contracts;

/** What happened to a copy of a book, or a probe of the data path. */
public enum LoanEventType {
  LOANED,
  RETURNED,
  /**
   * Not a loan: a probe the operator sends along the loan path (memberId and bookId 0) to check
   * that events reach PostgreSQL and Cassandra. Recorded in the {@code data_path_probes} tables,
   * never counted in any figure members or librarians see.
   */
  PROBE
}
