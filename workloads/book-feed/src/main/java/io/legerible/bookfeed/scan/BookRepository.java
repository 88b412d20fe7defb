package io.legerible.bookfeed.scan;

import io.legerible.catalogue.BookMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Books in the library database; a scan inserts or refreshes one row per ISBN-13. */
@Repository
public class BookRepository {

  private final JdbcClient jdbc;

  BookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the book or refreshes its metadata; the same scan twice leaves the same row. */
  public void upsert(BookMetadata book) {
    jdbc.sql(
            """
            INSERT INTO books (isbn13, title, authors, publication_year, language)
            VALUES (:isbn13, :title, :authors, :year, :language)
            ON CONFLICT (isbn13) DO UPDATE SET
              title = EXCLUDED.title,
              authors = EXCLUDED.authors,
              publication_year = COALESCE(EXCLUDED.publication_year, books.publication_year),
              language = COALESCE(EXCLUDED.language, books.language)
            """)
        .param("isbn13", book.isbn13())
        .param("title", book.title())
        .param("authors", book.authors())
        .param("year", book.publicationYear())
        .param("language", book.language())
        .update();
  }
}
