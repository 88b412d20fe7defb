package io.legerible.bookfeed.isbn;

import java.util.Optional;

/** ISBN checks and conversion: every book is stored under its ISBN-13. */
public final class Isbn {

  private Isbn() {}

  /**
   * The ISBN-13 for {@code text} (an ISBN-13 or ISBN-10, hyphens and spaces allowed) if its check
   * digit is right.
   */
  public static Optional<String> toIsbn13(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String digits = text.replaceAll("[\\s-]", "").toUpperCase();
    if (digits.matches("97[89]\\d{10}")) {
      return digits.charAt(12) == isbn13CheckDigit(digits.substring(0, 12))
          ? Optional.of(digits)
          : Optional.empty();
    }
    if (digits.matches("\\d{9}[\\dX]")) {
      if (digits.charAt(9) != isbn10CheckDigit(digits.substring(0, 9))) {
        return Optional.empty();
      }
      String twelve = "978" + digits.substring(0, 9);
      return Optional.of(twelve + isbn13CheckDigit(twelve));
    }
    return Optional.empty();
  }

  /** The check digit of the first 12 digits of an ISBN-13. */
  public static char isbn13CheckDigit(String twelveDigits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelveDigits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** The check digit of the first 9 digits of an ISBN-10 ({@code X} stands for 10). */
  public static char isbn10CheckDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineDigits.charAt(i) - '0') * (10 - i);
    }
    int check = (11 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }
}
