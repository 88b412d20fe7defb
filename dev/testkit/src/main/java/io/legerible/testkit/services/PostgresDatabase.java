package io.legerible.testkit.services;

/** One empty database on a test PostgreSQL server and how to log in to it. */
public record PostgresDatabase(String name, String jdbcUrl, String username, String password) {}
