package io.legerible.webapp.book;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the goodbooks-10k {@code books.csv} and repairs its known defects: ISBN-10s without their
 * leading zeros, lossy ISBN-13s (derived again from the ISBN-10), mixed language codes and years
 * written as decimals. Rows that cannot be repaired are counted, not imported.
 */
public final class GoodbooksCatalogue {

  private GoodbooksCatalogue() {}

  /** What reading the file produced: the valid books and how many rows were skipped and why. */
  public record Parsed(
      List<NewBook> books, int rows, int missingIsbn, int invalidIsbn, int missingTitle) {

    public int skipped() {
      return missingIsbn + invalidIsbn + missingTitle;
    }
  }

  /** Parses the whole file. */
  public static Parsed parse(Reader csv) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<NewBook> books = new ArrayList<>();
    int rows = 0;
    int missingIsbn = 0;
    int invalidIsbn = 0;
    int missingTitle = 0;
    for (CSVRecord record : format.parse(csv)) {
      rows++;
      String rawIsbn = record.get("isbn");
      if (rawIsbn.isEmpty()) {
        missingIsbn++;
        continue;
      }
      var isbn13 = Isbn.isbn13FromIsbn10(rawIsbn);
      if (isbn13.isEmpty()) {
        invalidIsbn++;
        continue;
      }
      String title = record.get("title");
      if (title.isEmpty()) {
        title = record.get("original_title");
      }
      if (title.isEmpty()) {
        missingTitle++;
        continue;
      }
      books.add(
          new NewBook(
              isbn13.get(),
              title,
              record.get("authors"),
              year(record.get("original_publication_year")),
              LanguageCodes.normalise(record.get("language_code")),
              copiesFor(record.get("ratings_count"))));
    }
    return new Parsed(books, rows, missingIsbn, invalidIsbn, missingTitle);
  }

  /** {@code 2008.0} → 2008, {@code -720.0} → -720, empty or unparsable → null. */
  static Integer year(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return (int) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A small library's holding: more copies of the books many people read. */
  static int copiesFor(String ratingsCount) {
    long ratings;
    try {
      ratings = Long.parseLong(ratingsCount);
    } catch (NumberFormatException e) {
      return 1;
    }
    if (ratings >= 1_000_000) {
      return 3;
    }
    return ratings >= 100_000 ? 2 : 1;
  }
}
