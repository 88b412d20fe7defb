package io.legerible.bookfeed;

import io.legerible.catalogue.BookEnricher;
import io.legerible.catalogue.BookMetadataSource;
import io.legerible.catalogue.GoodbooksCatalogue;
import io.legerible.catalogue.OpenLibraryClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The book feed: always consumes scans into the catalogue; also produces scans when {@code
 * LEGERIBLE_FEED_RATE_PER_SECOND} is above 0.
 */
@SpringBootApplication
public class BookFeedApplication {

  /** Starts the feed; configuration from the platform environment or {@code --property=value}. */
  public static void main(String[] args) {
    SpringApplication.run(BookFeedApplication.class, args);
  }

  @Bean
  GoodbooksCatalogue bundledCatalogue() {
    return GoodbooksCatalogue.load();
  }

  @Bean
  BookEnricher bookEnricher(
      GoodbooksCatalogue catalogue,
      JsonMapper json,
      @Value("${legerible.feed.open-library.enabled}") boolean openLibrary,
      @Value("${legerible.feed.open-library.base-url}") URI openLibraryUrl,
      @Value("${legerible.feed.open-library.timeout}") Duration timeout) {
    List<BookMetadataSource> sources = new ArrayList<>();
    sources.add(catalogue);
    if (openLibrary) {
      sources.add(new OpenLibraryClient(openLibraryUrl, timeout, json));
    }
    return new BookEnricher(sources);
  }
}
