package io.legerible.contracts;

/** What happened to a copy of a book. */
public enum LoanEventType {
  LOANED,
  RETURNED
}
