package io.legerible.bookfeed.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.bookfeed.enrichment.BookMetadata;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BundledCatalogueTest {

  @Test
  void bundledCatalogueDerivesIsbn13FromTheIsbn10Column() {
    BundledCatalogue catalogue = BundledCatalogue.load();

    assertThat(catalogue.find("9780439023481"))
        .map(BookMetadata::title)
        .hasValue("The Hunger Games (The Hunger Games, #1)");
    assertThat(catalogue.isbns()).hasSizeBetween(9000, 9400);
    assertThat(catalogue.skipped()).isGreaterThanOrEqualTo(600);
  }

  @Test
  void rowsWithoutIsbnOrWithBadCheckDigitAreSkippedAndLeadingZerosRestored() throws Exception {
    String csv =
        """
        book_id,isbn,authors,original_publication_year,title,language_code
        1,439023483,Suzanne Collins,2008.0,"The Hunger Games, #1",eng
        2,,Nobody,2000.0,No ISBN,eng
        3,439023484,Someone,2001.0,Bad check digit,
        4,60256656,Shel Silverstein,1964.0,The Giving Tree,
        """;

    BundledCatalogue catalogue = BundledCatalogue.read(new StringReader(csv));

    assertThat(catalogue.isbns()).containsExactly("9780439023481", "9780060256654");
    assertThat(catalogue.skipped()).isEqualTo(2);
    assertThat(catalogue.find("9780060256654"))
        .hasValue(
            new BookMetadata("9780060256654", "The Giving Tree", "Shel Silverstein", 1964, null));
  }
}
