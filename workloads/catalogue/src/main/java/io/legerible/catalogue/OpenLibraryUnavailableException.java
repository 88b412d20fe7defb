package io.legerible.catalogue;

/** Open Library could not be asked right now; a later attempt may succeed. */
public final class OpenLibraryUnavailableException extends RuntimeException {

  /** With what went wrong. */
  public OpenLibraryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
