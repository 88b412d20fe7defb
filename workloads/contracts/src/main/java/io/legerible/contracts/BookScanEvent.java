package io.legerible.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An ISBN read by a library's scanner, as published to {@link Topics#BOOK_SCANS}; key: the ISBN.
 */
public record BookScanEvent(UUID eventId, String isbn, Instant scannedAt) {

  public BookScanEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(isbn, "isbn");
    Objects.requireNonNull(scannedAt, "scannedAt");
  }
}
