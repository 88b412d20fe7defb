package io.legerible.webapp.loan;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A loan as the loans list and the profile show it. */
public record LoanRow(
    long id,
    long memberId,
    String username,
    long bookId,
    String isbn13,
    String title,
    String authors,
    OffsetDateTime loanedAt,
    OffsetDateTime returnedAt)
    implements Serializable {

  public boolean open() {
    return returnedAt == null;
  }
}
