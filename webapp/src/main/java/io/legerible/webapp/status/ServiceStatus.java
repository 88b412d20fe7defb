package io.legerible.webapp.status;

/** Whether one backing service answered the status probe, how fast, and what it said. */
public record ServiceStatus(String name, boolean up, long millis, String detail) {}
