package io.legerible.catalogue;

/** What the catalogue stores about a book, found for an ISBN-13. */
public record BookMetadata(
    String isbn13, String title, String authors, Integer publicationYear, String language) {}
