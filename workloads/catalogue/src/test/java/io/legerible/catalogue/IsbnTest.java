package io.legerible.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsbnTest {

  @Test
  void isbn13IsDerivedFromAnIsbn10ThatLostItsLeadingZero() {
    assertThat(Isbn.isbn13FromIsbn10("439023483")).contains("9780439023481");
    assertThat(Isbn.isbn13FromIsbn10("525478817")).contains("9780525478812");
  }

  @Test
  void isbn10WithCheckDigitXIsAccepted() {
    assertThat(Isbn.isbn13FromIsbn10("043965548X")).contains("9780439655484");
    assertThat(Isbn.isbn13FromIsbn10("0-439-65548-x")).contains("9780439655484");
  }

  @Test
  void isbn10WithWrongCheckDigitIsRejected() {
    assertThat(Isbn.isbn13FromIsbn10("0439023484")).isEmpty();
    assertThat(Isbn.isbn13FromIsbn10("abc")).isEmpty();
    assertThat(Isbn.isbn13FromIsbn10("")).isEmpty();
    assertThat(Isbn.isbn13FromIsbn10(null)).isEmpty();
  }

  @Test
  void isbn13CheckDigitsAreValidated() {
    assertThat(Isbn.isValidIsbn13("9780575097568")).isTrue();
    assertThat(Isbn.isValidIsbn13("9780575097569")).isFalse();
    assertThat(Isbn.isValidIsbn13("1234567890123")).isFalse();
  }

  @Test
  void scansSearchTermsAndTypedIsbnsInEitherFormAreRecognised() {
    assertThat(Isbn.toIsbn13("978-0-439-02348-1")).contains("9780439023481");
    assertThat(Isbn.toIsbn13("0439023483")).contains("9780439023481");
    assertThat(Isbn.toIsbn13("080442957X")).contains("9780804429573");
    assertThat(Isbn.toIsbn13("979-10-90636-07-1")).contains("9791090636071");
    assertThat(Isbn.toIsbn13("harry potter")).isEmpty();
  }

  @Test
  void wrongCheckDigitsAndOtherNumbersAreNotIsbns() {
    assertThat(Isbn.toIsbn13("9780439023482")).isEmpty();
    assertThat(Isbn.toIsbn13("0439023484")).isEmpty();
    assertThat(Isbn.toIsbn13("12345")).isEmpty();
    assertThat(Isbn.toIsbn13("9790439023481")).isEmpty();
    assertThat(Isbn.toIsbn13(null)).isEmpty();
  }
}
