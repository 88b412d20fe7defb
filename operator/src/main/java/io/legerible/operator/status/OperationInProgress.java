package io.legerible.operator.status;

/**
 * A change the operator carries out over several reconciliations (a password rotation, a ring
 * resize): the reason and message SpecApplied shows until it is done.
 */
public record OperationInProgress(String reason, String message) {}
