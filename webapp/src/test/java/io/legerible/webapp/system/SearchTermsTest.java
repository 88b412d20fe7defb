package io.legerible.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

  @Test
  void likeWildcardsInTheTermMatchLiterally() {
    assertThat(SearchTerms.containsPattern("100% _pure_ \\o/"))
        .isEqualTo("%100\\% \\_pure\\_ \\\\o/%");
  }

  @Test
  void termsAreTrimmedShortenedAndFreedOfControlCharacters() {
    assertThat(SearchTerms.clean(null)).isEmpty();
    assertThat(SearchTerms.clean("  harry\u0000potter \n")).isEqualTo("harry potter");
    assertThat(SearchTerms.clean("x".repeat(500))).hasSize(SearchTerms.MAX_LENGTH);
  }

  @Test
  void onlyDigitRunsBecomeIsbnPrefixes() {
    assertThat(SearchTerms.isbnPrefixPattern("978-0439")).isEqualTo("9780439%");
    assertThat(SearchTerms.isbnPrefixPattern("harry")).isEmpty();
    assertThat(SearchTerms.isbnPrefixPattern("12")).isEmpty();
  }
}
