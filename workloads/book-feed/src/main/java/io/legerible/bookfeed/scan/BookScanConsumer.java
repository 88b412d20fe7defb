package io.legerible.bookfeed.scan;

import io.legerible.catalogue.BookEnricher;
import io.legerible.catalogue.BookMetadata;
import io.legerible.catalogue.Isbn;
import io.legerible.contracts.BookScanEvent;
import io.legerible.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each scanned ISBN into a catalogue book. Scans that can never succeed are rejected with the
 * reason and end up on the dead-letter topic (see {@link BookFeedKafkaConfiguration}).
 */
@Component
class BookScanConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(BookScanConsumer.class);

  private final JsonMapper json;
  private final BookEnricher enricher;
  private final BookRepository books;

  BookScanConsumer(JsonMapper json, BookEnricher enricher, BookRepository books) {
    this.json = json;
    this.enricher = enricher;
    this.books = books;
  }

  @KafkaListener(id = "legerible-book-feed", topics = Topics.BOOK_SCANS)
  void onScan(String payload) {
    BookScanEvent scan = parse(payload);
    String isbn13 =
        Isbn.toIsbn13(scan.isbn())
            .orElseThrow(
                () ->
                    new RejectedScanException(
                        "'" + scan.isbn() + "' is not a valid ISBN (wrong length or check digit)"));
    BookMetadata book =
        enricher
            .enrich(isbn13)
            .orElseThrow(
                () ->
                    new RejectedScanException(
                        "ISBN "
                            + isbn13
                            + " is in neither the bundled catalogue nor Open Library"));
    books.upsert(book);
    LOG.info("Scan {}: {} '{}' is in the catalogue", scan.eventId(), isbn13, book.title());
  }

  private BookScanEvent parse(String payload) {
    if (payload == null) {
      throw new RejectedScanException("the record has no value");
    }
    try {
      return json.readValue(payload, BookScanEvent.class);
    } catch (JacksonException e) {
      throw new RejectedScanException("not a book scan event: " + e.getMessage());
    }
  }
}
