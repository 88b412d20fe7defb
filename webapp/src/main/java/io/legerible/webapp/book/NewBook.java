package io.legerible.webapp.book;

/** A book to add to the catalogue, already validated. */
public record NewBook(
    String isbn13,
    String title,
    String authors,
    Integer publicationYear,
    String language,
    int copies) {}
