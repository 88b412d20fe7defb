package io.legerible.webapp.ranking;

import java.io.Serializable;

/** A book of the top-10 with its all-time loan count. */
public record RankedBook(int position, long bookId, String title, String authors, long loans)
    implements Serializable {}
