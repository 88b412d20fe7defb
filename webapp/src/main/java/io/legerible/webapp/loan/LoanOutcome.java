package io.legerible.webapp.loan;

/**
 * What happened when a member asked to loan or return a book, or the desk checked one in; each has
 * a message key.
 */
public enum LoanOutcome {
  LOANED("loan.outcome.loaned"),
  RETURNED("loan.outcome.returned"),
  NO_COPY_AVAILABLE("loan.outcome.noCopyAvailable"),
  ALREADY_ON_LOAN_TO_MEMBER("loan.outcome.alreadyOnLoan"),
  NO_SUCH_BOOK("loan.outcome.noSuchBook"),
  NO_SUCH_LOAN("loan.outcome.noSuchLoan"),
  LIMIT_REACHED("loan.outcome.limitReached"),
  TOO_MANY_LOANS_AT_ONCE("loan.outcome.tooManyAtOnce"),
  NO_SUCH_MEMBER("loan.outcome.noSuchMember"),
  CHECKED_IN("loan.outcome.checkedIn"),
  NO_OPEN_LOAN("loan.outcome.noOpenLoan");

  private final String messageKey;

  LoanOutcome(String messageKey) {
    this.messageKey = messageKey;
  }

  /** The message key that tells the member what happened and what to do. */
  public String messageKey() {
    return messageKey;
  }
}
