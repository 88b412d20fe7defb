package io.legerible.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A loan or a return, as published to {@link Topics#LOANS}. Serialised as JSON with these component
 * names; {@code occurredAt} as ISO-8601. Consumers de-duplicate on {@code eventId}.
 */
public record LoanEvent(
    UUID eventId, LoanEventType type, long memberId, long bookId, String isbn, Instant occurredAt) {

  public LoanEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** The Kafka record key: events of one book stay in order on one partition. */
  public String key() {
    return Long.toString(bookId);
  }
}
