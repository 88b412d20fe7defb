package io.legerible.webapp.ranking;

import java.io.Serializable;

/** The library in numbers, for the home page. */
public record LibraryTotals(long books, long copies, long members, long loans, long onLoan)
    implements Serializable {}
