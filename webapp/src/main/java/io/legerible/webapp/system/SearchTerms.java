package io.legerible.webapp.system;

import java.util.Locale;

/** Turns what a visitor typed into safe parameters for SQL {@code LIKE}/{@code ILIKE}. */
public final class SearchTerms {

  /** Longest search term accepted; longer input is cut, never rejected. */
  public static final int MAX_LENGTH = 200;

  private SearchTerms() {}

  /** The term stripped, shortened and with control characters removed; never null. */
  public static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    String cleaned = raw.replaceAll("\\p{Cntrl}", " ").strip();
    return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
  }

  /**
   * A {@code %term%} pattern in which the term's own {@code %}, {@code _} and {@code \} match
   * literally.
   */
  public static String containsPattern(String term) {
    return "%" + escapeLike(term) + "%";
  }

  /**
   * A {@code term%} pattern for digit prefixes of an ISBN, or an empty pattern matching nothing.
   */
  public static String isbnPrefixPattern(String term) {
    String digits = term.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    return digits.matches("[0-9]{4,12}") ? digits + "%" : "";
  }

  static String escapeLike(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
