package io.legerible.webapp.member;

/** A book recommended to a member, and the book of theirs that led to it (may be unknown). */
public record Recommendation(
    int rank, long bookId, String title, String authors, Long becauseBookId, String becauseTitle) {}
