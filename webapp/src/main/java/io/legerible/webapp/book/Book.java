package io.legerible.webapp.book;

import java.io.Serializable;

/** A book of the catalogue with the number of copies the library owns. */
public record Book(
    long id,
    String isbn13,
    String title,
    String authors,
    Integer publicationYear,
    String language,
    int copies)
    implements Serializable {}
