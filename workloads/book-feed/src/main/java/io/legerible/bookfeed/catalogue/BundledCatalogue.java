package io.legerible.bookfeed.catalogue;

import io.legerible.bookfeed.enrichment.BookMetadata;
import io.legerible.bookfeed.enrichment.BookMetadataSource;
import io.legerible.bookfeed.isbn.Isbn;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The goodbooks-10k catalogue bundled with the feed (the file the website ships). Its {@code
 * isbn13} column is in lossy scientific notation, so ISBN-13s are derived from the ISBN-10 column
 * (which lost its leading zeros) and every check digit is verified; rows without a valid ISBN are
 * skipped and counted.
 */
public final class BundledCatalogue implements BookMetadataSource {

  /** Classpath location of the catalogue. */
  public static final String RESOURCE = "/catalogue/goodbooks-10k/books.csv";

  private static final Logger LOG = LoggerFactory.getLogger(BundledCatalogue.class);

  private final Map<String, BookMetadata> byIsbn;
  private final List<String> isbns;
  private final int skipped;

  private BundledCatalogue(Map<String, BookMetadata> byIsbn, int skipped) {
    this.byIsbn = Map.copyOf(byIsbn);
    this.isbns = List.copyOf(byIsbn.keySet());
    this.skipped = skipped;
  }

  /** Loads the bundled file from the classpath. */
  public static BundledCatalogue load() {
    try (InputStream in = BundledCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE
                + " is missing from the classpath: the feed's build copies it from the website");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the bundled catalogue", e);
    }
  }

  /** Reads a goodbooks-10k CSV. */
  public static BundledCatalogue read(Reader csv) throws IOException {
    Map<String, BookMetadata> books = new LinkedHashMap<>();
    int skipped = 0;
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    for (CSVRecord row : format.parse(csv)) {
      String isbn10 = row.get("isbn").strip();
      Optional<String> isbn13 =
          isbn10.isEmpty() ? Optional.empty() : Isbn.toIsbn13(leftPad(isbn10));
      String title = row.get("title").strip();
      if (isbn13.isEmpty() || title.isEmpty() || books.containsKey(isbn13.get())) {
        skipped++;
        continue;
      }
      books.put(
          isbn13.get(),
          new BookMetadata(
              isbn13.get(),
              title,
              row.get("authors").strip(),
              year(row.get("original_publication_year")),
              row.get("language_code").isBlank() ? null : row.get("language_code").strip()));
    }
    LOG.info(
        "Bundled catalogue: {} books, {} rows skipped (no valid ISBN, no title or duplicate)",
        books.size(),
        skipped);
    return new BundledCatalogue(books, skipped);
  }

  @Override
  public Optional<BookMetadata> find(String isbn13) {
    return Optional.ofNullable(byIsbn.get(isbn13));
  }

  /** Every ISBN-13 in the catalogue, in file order (most rated first). */
  public List<String> isbns() {
    return isbns;
  }

  /** Rows that had no usable ISBN or title. */
  public int skipped() {
    return skipped;
  }

  private static String leftPad(String isbn10) {
    StringBuilder padded = new StringBuilder(isbn10);
    while (padded.length() < 10) {
      padded.insert(0, '0');
    }
    return padded.toString();
  }

  private static Integer year(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return value > 0 && value < 3000 ? (int) value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** For logs. */
  @Override
  public String toString() {
    return "BundledCatalogue[" + byIsbn.size() + " books]";
  }
}
