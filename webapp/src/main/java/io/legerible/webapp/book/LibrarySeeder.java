package io.legerible.webapp.book;

import io.legerible.webapp.loan.LoanService;
import io.legerible.webapp.member.DemoMembers;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Fills an empty library on start, according to {@code legerible.catalogue}: {@code goodbooks-10k}
 * (the default: 10,000 real books, the original's seed books, demo members and their loans), {@code
 * demo} (seed books, demo members and loans only) or {@code none}. Every step is idempotent, so
 * restarts and several replicas change nothing twice.
 */
@Component
class LibrarySeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(LibrarySeeder.class);

  /** The original's three loans: member, ISBN of the book, when. Returned two weeks later. */
  private static final List<List<String>> DEMO_LOANS =
      List.of(
          List.of("benni", "9780575097568", "2020-11-28T12:12:12Z"),
          List.of("nadia", "9780345524591", "2020-12-28T14:23:51Z"),
          List.of("susi", "9780525516019", "2021-01-28T08:56:22Z"));

  private final String catalogue;
  private final CatalogueImporter importer;
  private final BookRepository books;
  private final DemoMembers demoMembers;
  private final LoanService lending;

  LibrarySeeder(
      @Value("${legerible.catalogue:goodbooks-10k}") String catalogue,
      CatalogueImporter importer,
      BookRepository books,
      DemoMembers demoMembers,
      LoanService lending) {
    this.catalogue = catalogue;
    this.importer = importer;
    this.books = books;
    this.demoMembers = demoMembers;
    this.lending = lending;
  }

  @Override
  public void run(ApplicationArguments args) {
    switch (catalogue) {
      case "none" -> log.info("LEGERIBLE_CATALOGUE=none: no catalogue or demo data is loaded");
      case "demo" -> seedDemo();
      case "goodbooks-10k" -> {
        importer.importGoodbooks();
        seedDemo();
      }
      default ->
          throw new IllegalStateException(
              "LEGERIBLE_CATALOGUE must be goodbooks-10k, demo or none, not '" + catalogue + "'");
    }
  }

  private void seedDemo() {
    importer.importSeedBooks();
    Map<String, Long> created = demoMembers.ensure();
    for (List<String> loan : DEMO_LOANS) {
      Long memberId = created.get(loan.get(0));
      if (memberId == null) {
        continue;
      }
      OffsetDateTime loanedAt = OffsetDateTime.parse(loan.get(2));
      books
          .findIdByIsbn13(loan.get(1))
          .ifPresent(
              bookId -> lending.recordPastLoan(memberId, bookId, loanedAt, loanedAt.plusDays(14)));
    }
  }
}
