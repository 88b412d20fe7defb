package io.legerible.webapp.book;

import io.legerible.catalogue.BookMetadata;

/** A book to add to the catalogue, already validated. */
public record NewBook(
    String isbn13,
    String title,
    String authors,
    Integer publicationYear,
    String language,
    int copies) {

  /** The book as a catalogue describes it, with this many copies. */
  public static NewBook of(BookMetadata book, int copies) {
    return new NewBook(
        book.isbn13(),
        book.title(),
        book.authors(),
        book.publicationYear(),
        book.language(),
        copies);
  }
}
