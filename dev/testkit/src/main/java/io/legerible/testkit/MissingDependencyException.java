package io.legerible.testkit;

/**
 * Thrown when a binary a test needs is not installed; the message names the dev/ command to run.
 */
public class MissingDependencyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; {@code message} says what is missing and which dev/ command installs it.
   */
  public MissingDependencyException(String message) {
    super(message);
  }
}
