package io.legerible.webapp.member;

import java.time.OffsetDateTime;

/** A library member's personal data. */
public record Member(
    long id, String username, String firstName, String lastName, OffsetDateTime memberSince) {}
