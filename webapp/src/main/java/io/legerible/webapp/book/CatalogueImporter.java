package io.legerible.webapp.book;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Loads the catalogues shipped with the website into PostgreSQL, idempotently. */
@Component
public class CatalogueImporter {

  /** The original project's seed books that carry an ISBN (its fourth had none). */
  public static final List<NewBook> SEED_BOOKS =
      List.of(
          new NewBook("9780575097568", "Rivers of London", "Ben Aaronovitch", 2010, "en", 1),
          new NewBook("9780345524591", "Moon Over Soho", "Ben Aaronovitch", 2011, null, 1),
          new NewBook(
              "9780525516019", "A Land of Permanent Goodbyes", "Atia Abawi", null, "en", 1));

  private static final Logger log = LoggerFactory.getLogger(CatalogueImporter.class);
  static final String GOODBOOKS = "catalogue/goodbooks-10k/books.csv";

  private final BookRepository books;

  CatalogueImporter(BookRepository books) {
    this.books = books;
  }

  /** Adds the original's seed books that are missing. */
  public int importSeedBooks() {
    int added = books.insertMissing(SEED_BOOKS);
    log.info(
        "Seed books: {} of {} added, the others were already present", added, SEED_BOOKS.size());
    return added;
  }

  /** Adds the goodbooks-10k books that are missing and logs what was repaired or skipped. */
  public GoodbooksCatalogue.Parsed importGoodbooks() {
    GoodbooksCatalogue.Parsed parsed;
    try (Reader reader =
        new InputStreamReader(
            new ClassPathResource(GOODBOOKS).getInputStream(), StandardCharsets.UTF_8)) {
      parsed = GoodbooksCatalogue.parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled catalogue " + GOODBOOKS, e);
    }
    int added = books.insertMissing(parsed.books());
    log.info(
        "Catalogue goodbooks-10k: {} rows read, {} valid, {} added, {} already present; skipped {}"
            + " ({} without ISBN, {} with an invalid ISBN check digit, {} without title)",
        parsed.rows(),
        parsed.books().size(),
        added,
        parsed.books().size() - added,
        parsed.skipped(),
        parsed.missingIsbn(),
        parsed.invalidIsbn(),
        parsed.missingTitle());
    return parsed;
  }
}
