package io.legerible.webapp.book;

import io.legerible.catalogue.GoodbooksCatalogue;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private final BookRepository books;
  private final GoodbooksCatalogue goodbooks;

  CatalogueImporter(BookRepository books, GoodbooksCatalogue goodbooks) {
    this.books = books;
    this.goodbooks = goodbooks;
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
    GoodbooksCatalogue.Parsed parsed = goodbooks.parsed();
    List<NewBook> valid =
        parsed.entries().stream().map(entry -> NewBook.of(entry.book(), entry.copies())).toList();
    int added = books.insertMissing(valid);
    log.info(
        "Catalogue goodbooks-10k: {} rows read, {} valid, {} added, {} already present; skipped {}"
            + " ({} without ISBN, {} with an invalid ISBN check digit, {} without title, {}"
            + " repeating an ISBN)",
        parsed.rows(),
        valid.size(),
        added,
        valid.size() - added,
        parsed.skipped(),
        parsed.missingIsbn(),
        parsed.invalidIsbn(),
        parsed.missingTitle(),
        parsed.duplicateIsbn());
    return parsed;
  }
}
