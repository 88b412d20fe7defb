package io.legerible.bookfeed.scan;

/**
 * A scan that can never become a book (bad payload, bad check digit, unknown ISBN): not retried.
 */
public final class RejectedScanException extends RuntimeException {

  /** With the reason, which ends up in the dead letter's headers. */
  public RejectedScanException(String reason) {
    super(reason);
  }
}
