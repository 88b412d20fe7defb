package io.legerible.catalogue;

import java.util.List;
import java.util.Optional;

/** Asks each source in turn (bundled catalogue first) and takes the first answer. */
public final class BookEnricher {

  private final List<BookMetadataSource> sources;

  /** Sources in order of preference. */
  public BookEnricher(List<BookMetadataSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The book's metadata from the first source that knows it. */
  public Optional<BookMetadata> enrich(String isbn13) {
    for (BookMetadataSource source : sources) {
      Optional<BookMetadata> found = source.find(isbn13);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
