package io.legerible.catalogue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises the language codes found in catalogues ({@code eng}, {@code en-US}, {@code fre}, …) to
 * ISO 639-1 two-letter codes where one exists.
 */
public final class LanguageCodes {

  private static final Map<String, String> TWO_LETTER = buildTable();

  private LanguageCodes() {}

  /** The normalised code, or {@code null} for an empty or unusable code. */
  public static String normalise(String code) {
    if (code == null) {
      return null;
    }
    String trimmed = code.strip().toLowerCase(Locale.ROOT);
    if (trimmed.isEmpty()) {
      return null;
    }
    String primary = trimmed.split("[-_]", 2)[0];
    if (!primary.matches("[a-z]{2,3}")) {
      return null;
    }
    if (primary.length() == 2) {
      return primary;
    }
    return TWO_LETTER.getOrDefault(primary, primary);
  }

  private static Map<String, String> buildTable() {
    Map<String, String> table = new HashMap<>();
    for (String twoLetter : Locale.getISOLanguages()) {
      String threeLetter = new Locale(twoLetter).getISO3Language();
      if (!threeLetter.isEmpty()) {
        table.put(threeLetter, twoLetter);
      }
    }
    // ISO 639-2 bibliographic codes, which the JDK does not know but catalogues use.
    table.put("alb", "sq");
    table.put("arm", "hy");
    table.put("baq", "eu");
    table.put("bur", "my");
    table.put("chi", "zh");
    table.put("cze", "cs");
    table.put("dut", "nl");
    table.put("fre", "fr");
    table.put("geo", "ka");
    table.put("ger", "de");
    table.put("gre", "el");
    table.put("ice", "is");
    table.put("mac", "mk");
    table.put("mao", "mi");
    table.put("may", "ms");
    table.put("per", "fa");
    table.put("rum", "ro");
    table.put("slo", "sk");
    table.put("tib", "bo");
    table.put("wel", "cy");
    return Map.copyOf(table);
  }
}
