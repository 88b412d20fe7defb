package io.legerible.catalogue;

import java.util.Optional;

/**
 * ISBN-10 and ISBN-13 parsing, check digits and conversion; every book is stored under its ISBN-13.
 * The one implementation the website and the book feed share.
 */
public final class Isbn {

  private Isbn() {}

  /**
   * The ISBN-13 of an ISBN-10 whose check digit is valid. Accepts hyphens and spaces, and pads
   * numbers that lost their leading zeros (a spreadsheet read {@code 0525478817} as {@code
   * 525478817}).
   */
  public static Optional<String> isbn13FromIsbn10(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String isbn10 = raw.replaceAll("[\\s-]", "").toUpperCase();
    if (!isbn10.matches("[0-9]{6,9}[0-9X]")) {
      return Optional.empty();
    }
    isbn10 = "0".repeat(10 - isbn10.length()) + isbn10;
    if (!isValidIsbn10(isbn10)) {
      return Optional.empty();
    }
    String body = "978" + isbn10.substring(0, 9);
    return Optional.of(body + isbn13CheckDigit(body));
  }

  /** Whether {@code isbn10} is ten characters with a valid check digit. */
  public static boolean isValidIsbn10(String isbn10) {
    if (isbn10 == null || !isbn10.matches("[0-9]{9}[0-9X]")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      char c = isbn10.charAt(i);
      int digit = c == 'X' ? 10 : c - '0';
      sum += digit * (10 - i);
    }
    return sum % 11 == 0;
  }

  /** Whether {@code isbn13} is thirteen digits starting 978 or 979 with a valid check digit. */
  public static boolean isValidIsbn13(String isbn13) {
    return isbn13 != null
        && isbn13.matches("97[89][0-9]{10}")
        && isbn13CheckDigit(isbn13.substring(0, 12)) == isbn13.charAt(12);
  }

  /** The check digit of the first twelve digits of an ISBN-13. */
  public static char isbn13CheckDigit(String first12) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int digit = first12.charAt(i) - '0';
      sum += (i % 2 == 0) ? digit : digit * 3;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /**
   * The ISBN-13 that {@code term} denotes, if it is a valid ISBN-13 or ISBN-10 (hyphens and spaces
   * allowed): a scan, a search term or what a librarian typed.
   */
  public static Optional<String> toIsbn13(String term) {
    if (term == null) {
      return Optional.empty();
    }
    String compact = term.replaceAll("[\\s-]", "").toUpperCase();
    if (isValidIsbn13(compact)) {
      return Optional.of(compact);
    }
    if (compact.length() == 10) {
      return isbn13FromIsbn10(compact);
    }
    return Optional.empty();
  }
}
