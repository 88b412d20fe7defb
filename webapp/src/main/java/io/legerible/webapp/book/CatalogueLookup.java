package io.legerible.webapp.book;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Finds a book's metadata by ISBN-13 for the desk, in the catalogue the website ships. */
@Component
public class CatalogueLookup {

  private volatile Map<String, NewBook> byIsbn;

  /** The book with this ISBN-13 as the catalogue describes it, with one copy. */
  public Optional<NewBook> find(String isbn13) {
    return Optional.ofNullable(books().get(isbn13))
        .map(
            book ->
                new NewBook(
                    book.isbn13(),
                    book.title(),
                    book.authors(),
                    book.publicationYear(),
                    book.language(),
                    1));
  }

  private Map<String, NewBook> books() {
    Map<String, NewBook> loaded = byIsbn;
    if (loaded == null) {
      Map<String, NewBook> books = new HashMap<>();
      try (Reader reader =
          new InputStreamReader(
              new ClassPathResource(CatalogueImporter.GOODBOOKS).getInputStream(),
              StandardCharsets.UTF_8)) {
        GoodbooksCatalogue.parse(reader).books().forEach(book -> books.put(book.isbn13(), book));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the bundled catalogue", e);
      }
      CatalogueImporter.SEED_BOOKS.forEach(book -> books.putIfAbsent(book.isbn13(), book));
      loaded = Map.copyOf(books);
      byIsbn = loaded;
    }
    return loaded;
  }
}
