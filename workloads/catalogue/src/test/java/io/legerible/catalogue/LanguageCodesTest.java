package io.legerible.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageCodesTest {

  @Test
  void englishVariantsBecomeEn() {
    assertThat(LanguageCodes.normalise("eng")).isEqualTo("en");
    assertThat(LanguageCodes.normalise("en-US")).isEqualTo("en");
    assertThat(LanguageCodes.normalise("en-GB")).isEqualTo("en");
    assertThat(LanguageCodes.normalise("EN-ca")).isEqualTo("en");
  }

  @Test
  void bibliographicAndTerminologyCodesMapToTwoLetters() {
    assertThat(LanguageCodes.normalise("fre")).isEqualTo("fr");
    assertThat(LanguageCodes.normalise("ger")).isEqualTo("de");
    assertThat(LanguageCodes.normalise("spa")).isEqualTo("es");
    assertThat(LanguageCodes.normalise("per")).isEqualTo("fa");
    assertThat(LanguageCodes.normalise("jpn")).isEqualTo("ja");
    assertThat(LanguageCodes.normalise("nl")).isEqualTo("nl");
  }

  @Test
  void codesWithoutTwoLetterFormStayAndEmptyOnesBecomeNull() {
    assertThat(LanguageCodes.normalise("mul")).isEqualTo("mul");
    assertThat(LanguageCodes.normalise("")).isNull();
    assertThat(LanguageCodes.normalise("  ")).isNull();
    assertThat(LanguageCodes.normalise("1234")).isNull();
  }
}
