package io.legerible.sparkjobs.ranking;

/**
 * Sliding windows of the loan counts: {@code lengthMinutes} long, starting every {@code
 * slideMinutes} (on multiples of the slide since the epoch, as Spark's windows). A loan at time t
 * falls in the windows starting at slot(t) - k * slide for k = 0 … {@link #windowsPerLoan()} - 1,
 * where slot(t) is the start of the slide-long slot holding t; the last of them only while t is
 * less than {@link #lastWindowReachMinutes()} into its slot (it ends there when the length is not a
 * multiple of the slide).
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

  /** How many windows a loan can fall in: the length divided by the slide, rounded up. */
  public int windowsPerLoan() {
    return (lengthMinutes + slideMinutes - 1) / slideMinutes;
  }

  /**
   * How far into its slot a loan may be and still fall in its oldest window: the slide when the
   * length is a multiple of it, less otherwise.
   */
  public int lastWindowReachMinutes() {
    return lengthMinutes - (windowsPerLoan() - 1) * slideMinutes;
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
