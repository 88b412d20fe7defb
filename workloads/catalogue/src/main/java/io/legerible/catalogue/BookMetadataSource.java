package io.legerible.catalogue;

import java.util.Optional;

/** Somewhere to look up a book by ISBN-13. */
public interface BookMetadataSource {

  /** The book with this ISBN-13, if this source knows it. */
  Optional<BookMetadata> find(String isbn13);
}
