package io.legerible.contracts;

/** Kafka topic names, the one place producers and consumers take them from. */
public final class Topics {

  /** Loan and return events; key: book id, value: {@link LoanEvent} as JSON. */
  public static final String LOANS = "library.loans";

  /** Scanned ISBNs from the book feed; key: ISBN, value: {@link BookScanEvent} as JSON. */
  public static final String BOOK_SCANS = "library.book-scans";

  /** Records of {@link #LOANS} that could not be parsed. */
  public static final String LOANS_DEAD_LETTER = deadLetter(LOANS);

  /** Records of {@link #BOOK_SCANS} that could not be parsed or enriched. */
  public static final String BOOK_SCANS_DEAD_LETTER = deadLetter(BOOK_SCANS);

  private Topics() {}

  /** The dead-letter topic of {@code topic}: records that cannot be processed end up there. */
  public static String deadLetter(String topic) {
    return topic + ".dlt";
  }
}
