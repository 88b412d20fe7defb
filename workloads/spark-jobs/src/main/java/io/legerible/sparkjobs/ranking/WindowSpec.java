package io.legerible.sparkjobs.ranking;

/**
 * Sliding windows of the loan counts: {@code lengthMinutes} long, starting every {@code
 * slideMinutes}.
 */
public record WindowSpec(int lengthMinutes, int slideMinutes) {

  public WindowSpec {
    if (lengthMinutes < 1 || slideMinutes < 1 || slideMinutes > lengthMinutes) {
      throw new IllegalArgumentException(
          "windows need 1 <= slide <= length minutes, got length "
              + lengthMinutes
              + " and slide "
              + slideMinutes);
    }
  }

  /** Parses {@code "5,1"} (length, slide) or {@code "5"} (tumbling). */
  public static WindowSpec parse(String text) {
    String[] parts = text.split(",");
    try {
      int length = Integer.parseInt(parts[0].strip());
      int slide = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : length;
      if (parts.length > 2) {
        throw new IllegalArgumentException("too many parts");
      }
      return new WindowSpec(length, slide);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "window minutes must be 'length,slide' such as '5,1', got '" + text + "'", e);
    }
  }
}
