package io.legerible.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The goodbooks-10k catalogue ({@code books.csv}, shipped in this module with its licence) and its
 * known defects repaired: ISBN-10s without their leading zeros, lossy ISBN-13s (derived again from
 * the ISBN-10), titles only in the original-title column, mixed language codes and years written as
 * decimals. Rows that cannot be repaired, and repeated ISBNs, are counted, not kept. The website
 * imports it and the book feed enriches scans from it, so both store the same book for an ISBN.
 */
public final class GoodbooksCatalogue implements BookMetadataSource {

  /** Classpath location of the catalogue. */
  public static final String RESOURCE = "catalogue/goodbooks-10k/books.csv";

  /** A book of the catalogue and how many copies a small library would hold of it. */
  public record Entry(BookMetadata book, int copies) {}

  /** What reading the file produced: the valid books and how many rows were skipped and why. */
  public record Parsed(
      List<Entry> entries,
      int rows,
      int missingIsbn,
      int invalidIsbn,
      int missingTitle,
      int duplicateIsbn) {

    public int skipped() {
      return missingIsbn + invalidIsbn + missingTitle + duplicateIsbn;
    }
  }

  private final Parsed parsed;
  private final Map<String, BookMetadata> byIsbn;

  private GoodbooksCatalogue(Parsed parsed) {
    this.parsed = parsed;
    Map<String, BookMetadata> books = new HashMap<>();
    parsed.entries().forEach(entry -> books.put(entry.book().isbn13(), entry.book()));
    this.byIsbn = Map.copyOf(books);
  }

  /** Reads the shipped file from the classpath. */
  public static GoodbooksCatalogue load() {
    try (InputStream in = GoodbooksCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new GoodbooksCatalogue(parse(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled catalogue " + RESOURCE, e);
    }
  }

  /** Reads a goodbooks-10k CSV. */
  public static GoodbooksCatalogue read(Reader csv) throws IOException {
    return new GoodbooksCatalogue(parse(csv));
  }

  /** What the file held and what was skipped. */
  public Parsed parsed() {
    return parsed;
  }

  @Override
  public Optional<BookMetadata> find(String isbn13) {
    return Optional.ofNullable(byIsbn.get(isbn13));
  }

  /** Every ISBN-13 in the catalogue, in file order (most rated first). */
  public List<String> isbns() {
    return parsed.entries().stream().map(entry -> entry.book().isbn13()).toList();
  }

  private static Parsed parse(Reader csv) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<Entry> entries = new ArrayList<>();
    Map<String, Boolean> seen = new HashMap<>();
    int rows = 0;
    int missingIsbn = 0;
    int invalidIsbn = 0;
    int missingTitle = 0;
    int duplicateIsbn = 0;
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
      if (title.isEmpty() && record.isMapped("original_title")) {
        title = record.get("original_title");
      }
      if (title.isEmpty()) {
        missingTitle++;
        continue;
      }
      if (seen.putIfAbsent(isbn13.get(), Boolean.TRUE) != null) {
        duplicateIsbn++;
        continue;
      }
      entries.add(
          new Entry(
              new BookMetadata(
                  isbn13.get(),
                  title,
                  record.get("authors"),
                  year(record.get("original_publication_year")),
                  LanguageCodes.normalise(record.get("language_code"))),
              record.isMapped("ratings_count") ? copiesFor(record.get("ratings_count")) : 1));
    }
    return new Parsed(
        List.copyOf(entries), rows, missingIsbn, invalidIsbn, missingTitle, duplicateIsbn);
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

  /** For logs. */
  @Override
  public String toString() {
    return "GoodbooksCatalogue[" + byIsbn.size() + " books]";
  }
}
