package io.legerible.webapp.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class GoodbooksCatalogueTest {

  private static final String HEADER =
      "book_id,goodreads_book_id,best_book_id,work_id,books_count,isbn,isbn13,authors,"
          + "original_publication_year,original_title,title,language_code,average_rating,"
          + "ratings_count,work_ratings_count,work_text_reviews_count,ratings_1,ratings_2,"
          + "ratings_3,ratings_4,ratings_5,image_url,small_image_url\n";

  @Test
  void theShippedCatalogueIsRepairedAndItsBadRowsCounted() throws IOException {
    GoodbooksCatalogue.Parsed parsed;
    try (Reader reader =
        new InputStreamReader(
            Objects.requireNonNull(
                getClass().getResourceAsStream("/catalogue/goodbooks-10k/books.csv")),
            StandardCharsets.UTF_8)) {
      parsed = GoodbooksCatalogue.parse(reader);
    }
    assertThat(parsed.rows()).isEqualTo(10_000);
    assertThat(parsed.missingIsbn()).isEqualTo(700);
    assertThat(parsed.books().size() + parsed.skipped()).isEqualTo(10_000);
    assertThat(parsed.books())
        .allSatisfy(book -> assertThat(Isbn.isValidIsbn13(book.isbn13())).isTrue())
        .allSatisfy(book -> assertThat(book.copies()).isBetween(1, 3))
        .allSatisfy(book -> assertThat(book.language()).isNotIn("eng", "en-US", "en-GB", ""));
    assertThat(new HashSet<>(parsed.books().stream().map(NewBook::isbn13).toList()))
        .hasSizeGreaterThan(9_000);
    NewBook hungerGames = parsed.books().get(0);
    assertThat(hungerGames.isbn13()).isEqualTo("9780439023481");
    assertThat(hungerGames.title()).isEqualTo("The Hunger Games (The Hunger Games, #1)");
    assertThat(hungerGames.publicationYear()).isEqualTo(2008);
    assertThat(hungerGames.language()).isEqualTo("en");
    assertThat(hungerGames.copies()).isEqualTo(3);
  }

  @Test
  void quotedCommasNegativeYearsAndBadIsbnsAreHandled() throws IOException {
    String csv =
        HEADER
            + "1,1,1,1,1,140268898,9.78014026889e+12,\"Homer, Robert Fagles\",-720.0,Ὀδύσσεια,"
            + "\"The Odyssey, \"\"the\"\" epic\",eng,3.73,670326,1,1,1,1,1,1,1,u,u\n"
            + "2,2,2,2,2,,,Nobody,2001.0,x,No ISBN,,4,5000,1,1,1,1,1,1,1,u,u\n"
            + "3,3,3,3,3,140268899,,Somebody,2001.0,x,Bad check digit,fre,4,500,1,1,1,1,1,1,1,u,u\n";
    GoodbooksCatalogue.Parsed parsed = GoodbooksCatalogue.parse(new StringReader(csv));
    assertThat(parsed.rows()).isEqualTo(3);
    assertThat(parsed.missingIsbn()).isEqualTo(1);
    assertThat(parsed.invalidIsbn()).isEqualTo(1);
    assertThat(parsed.books())
        .isEqualTo(
            List.of(
                new NewBook(
                    "9780140268898",
                    "The Odyssey, \"the\" epic",
                    "Homer, Robert Fagles",
                    -720,
                    "en",
                    2)));
  }
}
