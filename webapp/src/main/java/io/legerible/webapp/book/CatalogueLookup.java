package io.legerible.webapp.book;

import io.legerible.catalogue.BookEnricher;
import io.legerible.catalogue.BookMetadata;
import io.legerible.catalogue.BookMetadataSource;
import io.legerible.catalogue.GoodbooksCatalogue;
import io.legerible.catalogue.OpenLibraryClient;
import io.legerible.catalogue.OpenLibraryUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Describes a book by ISBN-13 for the desk the way the book feed does: the bundled catalogue first,
 * then Open Library when it is switched on (the same sources, in the same order).
 */
@Component
public class CatalogueLookup {

  private final BookEnricher enricher;

  CatalogueLookup(BookEnricher enricher) {
    this.enricher = enricher;
  }

  /**
   * The book with this ISBN-13, empty when no source knows it. Throws {@link
   * OpenLibraryUnavailableException} when Open Library was needed but did not answer.
   */
  public Optional<BookMetadata> find(String isbn13) {
    return enricher.enrich(isbn13);
  }

  /** The shared catalogue and its optional Open Library source. */
  @Configuration(proxyBeanMethods = false)
  static class Sources {

    @Bean
    GoodbooksCatalogue goodbooksCatalogue() {
      return GoodbooksCatalogue.load();
    }

    @Bean
    BookEnricher bookEnricher(
        GoodbooksCatalogue catalogue,
        JsonMapper json,
        @Value("${legerible.open-library.enabled:false}") boolean openLibrary,
        @Value("${legerible.open-library.base-url:https://openlibrary.org}") URI openLibraryUrl,
        @Value("${legerible.open-library.timeout:5s}") Duration timeout) {
      List<BookMetadataSource> sources = new ArrayList<>();
      sources.add(catalogue);
      if (openLibrary) {
        sources.add(new OpenLibraryClient(openLibraryUrl, timeout, json));
      }
      return new BookEnricher(sources);
    }
  }
}
