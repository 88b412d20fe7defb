package io.legerible.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoodbooksCatalogueTest {

  private static final String HEADER =
      "book_id,goodreads_book_id,best_book_id,work_id,books_count,isbn,isbn13,authors,"
          + "original_publication_year,original_title,title,language_code,average_rating,"
          + "ratings_count,work_ratings_count,work_text_reviews_count,ratings_1,ratings_2,"
          + "ratings_3,ratings_4,ratings_5,image_url,small_image_url\n";

  @Test
  void theShippedCatalogueIsRepairedAndItsBadRowsCounted() {
    GoodbooksCatalogue catalogue = GoodbooksCatalogue.load();
    GoodbooksCatalogue.Parsed parsed = catalogue.parsed();
    assertThat(parsed.rows()).isEqualTo(10_000);
    assertThat(parsed.missingIsbn()).isEqualTo(700);
    assertThat(parsed.entries().size() + parsed.skipped()).isEqualTo(10_000);
    assertThat(parsed.entries())
        .hasSizeGreaterThan(9_000)
        .allSatisfy(entry -> assertThat(Isbn.isValidIsbn13(entry.book().isbn13())).isTrue())
        .allSatisfy(entry -> assertThat(entry.copies()).isBetween(1, 3))
        .allSatisfy(
            entry -> assertThat(entry.book().language()).isNotIn("eng", "en-US", "en-GB", ""));
    assertThat(catalogue.isbns()).doesNotHaveDuplicates().hasSize(parsed.entries().size());
    GoodbooksCatalogue.Entry hungerGames = parsed.entries().get(0);
    assertThat(hungerGames)
        .isEqualTo(
            new GoodbooksCatalogue.Entry(
                new BookMetadata(
                    "9780439023481",
                    "The Hunger Games (The Hunger Games, #1)",
                    "Suzanne Collins",
                    2008,
                    "en"),
                3));
    assertThat(catalogue.find("9780439023481")).contains(hungerGames.book());
  }

  @Test
  void quotedCommasNegativeYearsBadIsbnsAndRepeatsAreHandled() throws IOException {
    String csv =
        HEADER
            + "1,1,1,1,1,140268898,9.78014026889e+12,\"Homer, Robert Fagles\",-720.0,Ὀδύσσεια,"
            + "\"The Odyssey, \"\"the\"\" epic\",eng,3.73,670326,1,1,1,1,1,1,1,u,u\n"
            + "2,2,2,2,2,,,Nobody,2001.0,x,No ISBN,,4,5000,1,1,1,1,1,1,1,u,u\n"
            + "3,3,3,3,3,140268899,,Somebody,2001.0,x,Bad check digit,fre,4,500,1,1,1,1,1,1,1,u,u\n"
            + "4,4,4,4,4,140268898,,Homer,1990.0,x,The Odyssey again,ger,4,50,1,1,1,1,1,1,1,u,u\n"
            + "5,5,5,5,5,60256656,,Shel Silverstein,1964.0,The Giving Tree,,,4,50,1,1,1,1,1,1,1,u,u\n";
    GoodbooksCatalogue catalogue = GoodbooksCatalogue.read(new StringReader(csv));
    GoodbooksCatalogue.Parsed parsed = catalogue.parsed();
    assertThat(parsed.rows()).isEqualTo(5);
    assertThat(parsed.missingIsbn()).isEqualTo(1);
    assertThat(parsed.invalidIsbn()).isEqualTo(1);
    assertThat(parsed.duplicateIsbn()).isEqualTo(1);
    assertThat(parsed.entries())
        .isEqualTo(
            List.of(
                new GoodbooksCatalogue.Entry(
                    new BookMetadata(
                        "9780140268898",
                        "The Odyssey, \"the\" epic",
                        "Homer, Robert Fagles",
                        -720,
                        "en"),
                    2),
                new GoodbooksCatalogue.Entry(
                    new BookMetadata(
                        "9780060256654", "The Giving Tree", "Shel Silverstein", 1964, null),
                    1)));
  }
}
