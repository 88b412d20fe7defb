package io.legerible.webapp.book;

import java.io.Serializable;

/** A catalogue row: what the book list shows. */
public record BookSummary(
    long id, String isbn13, String title, String authors, Integer publicationYear, String language)
    implements Serializable {}
