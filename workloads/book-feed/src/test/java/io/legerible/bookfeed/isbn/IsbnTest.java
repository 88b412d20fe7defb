package io.legerible.bookfeed.isbn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsbnTest {

  @Test
  void validIsbn13IsKeptAndIsbn10IsConverted() {
    assertThat(Isbn.toIsbn13("978-0-439-02348-1")).contains("9780439023481");
    assertThat(Isbn.toIsbn13("0439023483")).contains("9780439023481");
    assertThat(Isbn.toIsbn13("080442957X")).contains("9780804429573");
  }

  @Test
  void wrongCheckDigitOrShapeIsRejected() {
    assertThat(Isbn.toIsbn13("9780439023482")).isEmpty();
    assertThat(Isbn.toIsbn13("0439023484")).isEmpty();
    assertThat(Isbn.toIsbn13("12345")).isEmpty();
    assertThat(Isbn.toIsbn13("9790439023481")).isEmpty();
    assertThat(Isbn.toIsbn13(null)).isEmpty();
  }
}
