package io.legerible.testkit;

/** A binary, jar or package a test needs is not installed; the message names the dev/ command. */
public class MissingDependencyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A message that already names the command to run. */
  public MissingDependencyException(String message) {
    super(message);
  }

  /** {@code what} is missing and {@code setupCommand} (e.g. "dev/setup-packages") provides it. */
  public MissingDependencyException(String what, String setupCommand) {
    super(what + ": run " + setupCommand + " from the repository root, then run the tests again");
  }
}
