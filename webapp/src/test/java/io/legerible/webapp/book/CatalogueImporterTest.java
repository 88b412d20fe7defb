package io.legerible.webapp.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.catalogue.Isbn;
import org.junit.jupiter.api.Test;

class CatalogueImporterTest {

  @Test
  void everySeedBookHasAValidIsbn13() {
    assertThat(CatalogueImporter.SEED_BOOKS)
        .allSatisfy(book -> assertThat(Isbn.isValidIsbn13(book.isbn13())).isTrue());
  }
}
