package io.legerible.webapp.it;

import io.legerible.catalogue.Isbn;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finds and makes books for integration tests. */
final class Books {

  private static final AtomicInteger NEXT_ISBN10 = new AtomicInteger(990_000_000);

  private Books() {}

  /** A book with {@code copies} copies and none on loan, drawn at random. */
  static long freeBook(JdbcClient jdbc, int copies) {
    return jdbc.sql(
            "SELECT b.id FROM books b WHERE b.copies = :copies AND NOT EXISTS"
                + " (SELECT 1 FROM loans l WHERE l.book_id = b.id AND l.returned_at IS NULL)"
                + " ORDER BY random() LIMIT 1")
        .param("copies", copies)
        .query(Long.class)
        .single();
  }

  static String title(JdbcClient jdbc, long bookId) {
    return jdbc.sql("SELECT title FROM books WHERE id = :id")
        .param("id", bookId)
        .query(String.class)
        .single();
  }

  /** Adds a book with a fresh valid ISBN that no catalogue holds; returns its id. */
  static long insert(JdbcClient jdbc, String title, String authors, int copies) {
    String isbn13 = unusedIsbn13(jdbc);
    return jdbc.sql(
            "INSERT INTO books (isbn13, title, authors, copies) VALUES (:isbn, :title, :authors,"
                + " :copies) RETURNING id")
        .param("isbn", isbn13)
        .param("title", title)
        .param("authors", authors)
        .param("copies", copies)
        .query(Long.class)
        .single();
  }

  private static String unusedIsbn13(JdbcClient jdbc) {
    while (true) {
      String body = Integer.toString(NEXT_ISBN10.getAndIncrement());
      for (char check : "0123456789X".toCharArray()) {
        Optional<String> isbn13 = Isbn.isbn13FromIsbn10(body + check);
        if (isbn13.isPresent()
            && jdbc.sql("SELECT count(*) FROM books WHERE isbn13 = :isbn")
                    .param("isbn", isbn13.get())
                    .query(Long.class)
                    .single()
                == 0) {
          return isbn13.get();
        }
      }
    }
  }
}
