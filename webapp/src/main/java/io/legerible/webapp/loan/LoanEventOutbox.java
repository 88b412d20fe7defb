package io.legerible.webapp.loan;

import io.legerible.contracts.LoanEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: loan events are written in the same transaction as the loan and
 * published to Kafka later by {@link LoanEventRelay}.
 */
@Repository
public class LoanEventOutbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;

  LoanEventOutbox(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.json = json;
    this.events = events;
  }

  /** Told when the transaction that appended an event commits. */
  record Appended() {}

  /** An event waiting for Kafka. */
  record Pending(UUID eventId, String key, String payload) {}

  /** Stores the event; must run inside the transaction that wrote the loan. */
  void append(LoanEvent event) {
    jdbc.sql(
            "INSERT INTO loan_event_outbox (event_id, book_id, payload)"
                + " VALUES (:id, :book, :payload)")
        .param("id", event.eventId())
        .param("book", event.bookId())
        .param("payload", json.writeValueAsString(event))
        .update();
    events.publishEvent(new Appended());
  }

  /** The oldest unpublished events, locked so that other replicas skip them. */
  List<Pending> lockPending(int limit) {
    return jdbc.sql(
            "SELECT event_id, book_id, payload FROM loan_event_outbox WHERE published_at IS NULL"
                + " ORDER BY created_at, event_id LIMIT :limit FOR UPDATE SKIP LOCKED")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Pending(
                    rs.getObject("event_id", UUID.class),
                    Long.toString(rs.getLong("book_id")),
                    rs.getString("payload")))
        .list();
  }

  void markPublished(List<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE loan_event_outbox SET published_at = now() WHERE event_id IN (:ids)")
        .param("ids", eventIds)
        .update();
  }

  /** How many events have not reached Kafka yet. */
  public long countPending() {
    return jdbc.sql("SELECT count(*) FROM loan_event_outbox WHERE published_at IS NULL")
        .query(Long.class)
        .single();
  }
}
