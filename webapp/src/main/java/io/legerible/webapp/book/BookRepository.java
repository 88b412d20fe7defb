package io.legerible.webapp.book;

import io.legerible.catalogue.Isbn;
import io.legerible.webapp.cache.CacheNames;
import io.legerible.webapp.system.Paged;
import io.legerible.webapp.system.SearchTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue in PostgreSQL. Catalogue reads are shared by every visitor and cached. */
@Repository
public class BookRepository {

  private static final String SUMMARY_COLUMNS =
      "id, isbn13, title, authors, publication_year, language";

  /** Title and authors through their lower-cased, trigram-indexed {@code search_text}. */
  private static final String SEARCH_CONDITION =
      " WHERE search_text LIKE lower(:pattern) OR isbn13 = :isbn OR isbn13 LIKE :isbnPrefix";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  BookRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /**
   * One page of the catalogue, optionally filtered by a case-insensitive search over title, authors
   * and ISBN.
   */
  @Cacheable(
      cacheNames = CacheNames.CATALOGUE,
      key = "#search + '|' + #sort.parameter() + '|' + #page + '|' + #size")
  public Paged<BookSummary> findPage(String search, CatalogueSort sort, int page, int size) {
    String term = SearchTerms.clean(search);
    long offset = Paged.offset(page, size);
    if (term.isEmpty()) {
      List<BookSummary> books =
          jdbc.sql(
                  "SELECT "
                      + SUMMARY_COLUMNS
                      + " FROM books ORDER BY "
                      + sort.orderBy()
                      + " LIMIT :limit OFFSET :offset")
              .param("limit", size)
              .param("offset", offset)
              .query((rs, row) -> summary(rs))
              .list();
      long total = jdbc.sql("SELECT count(*) FROM books").query(Long.class).single();
      return new Paged<>(books, page, size, total);
    }
    // One round trip and one scan, even for a page past the last match: the matches are counted
    // once and the page is cut from them.
    long[] total = {0};
    List<BookSummary> books = new ArrayList<>();
    jdbc.sql(
            "WITH matches AS MATERIALIZED (SELECT "
                + SUMMARY_COLUMNS
                + " FROM books"
                + SEARCH_CONDITION
                + ") SELECT c.total, p.* FROM (SELECT count(*) AS total FROM matches) c"
                + " LEFT JOIN LATERAL (SELECT * FROM matches ORDER BY "
                + sort.orderBy()
                + " LIMIT :limit OFFSET :offset) p ON true")
        .param("pattern", SearchTerms.containsPattern(term))
        .param("isbn", Isbn.toIsbn13(term).orElse(""))
        .param("isbnPrefix", SearchTerms.isbnPrefixPattern(term))
        .param("limit", size)
        .param("offset", offset)
        .query(
            rs -> {
              total[0] = rs.getLong("total");
              if (rs.getObject("id") != null) {
                books.add(summary(rs));
              }
            });
    return new Paged<>(books, page, size, total[0]);
  }

  private static BookSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new BookSummary(
        rs.getLong("id"),
        rs.getString("isbn13"),
        rs.getString("title"),
        rs.getString("authors"),
        rs.getObject("publication_year", Integer.class),
        rs.getString("language"));
  }

  /** The book with this id. */
  @Cacheable(cacheNames = CacheNames.BOOKS, key = "#id")
  public Optional<Book> findById(long id) {
    return jdbc.sql(
            "SELECT id, isbn13, title, authors, publication_year, language, copies"
                + " FROM books WHERE id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new Book(
                    rs.getLong("id"),
                    rs.getString("isbn13"),
                    rs.getString("title"),
                    rs.getString("authors"),
                    rs.getObject("publication_year", Integer.class),
                    rs.getString("language"),
                    rs.getInt("copies")))
        .optional();
  }

  /** Copies of this book currently on loan (live, never cached). */
  public int countOnLoan(long bookId) {
    return jdbc.sql("SELECT count(*) FROM loans WHERE book_id = :id AND returned_at IS NULL")
        .param("id", bookId)
        .query(Integer.class)
        .single();
  }

  /** The id of the book with this ISBN-13. */
  public Optional<Long> findIdByIsbn13(String isbn13) {
    return jdbc.sql("SELECT id FROM books WHERE isbn13 = :isbn")
        .param("isbn", isbn13)
        .query(Long.class)
        .optional();
  }

  /** Adds one book unless its ISBN-13 is in the catalogue already; returns its new id. */
  @Caching(
      evict = {
        @CacheEvict(cacheNames = CacheNames.CATALOGUE, allEntries = true),
        @CacheEvict(cacheNames = CacheNames.TOTALS, allEntries = true)
      })
  public Optional<Long> insertIfAbsent(NewBook book) {
    return jdbc.sql(
            "INSERT INTO books (isbn13, title, authors, publication_year, language, copies)"
                + " VALUES (:isbn, :title, :authors, :year, :language, :copies)"
                + " ON CONFLICT (isbn13) DO NOTHING RETURNING id")
        .param("isbn", book.isbn13())
        .param("title", book.title())
        .param("authors", book.authors())
        .param("year", book.publicationYear(), java.sql.Types.INTEGER)
        .param("language", book.language())
        .param("copies", book.copies())
        .query(Long.class)
        .optional();
  }

  /**
   * Sets how many copies the library owns, unless fewer than are on loan right now; returns whether
   * it changed.
   */
  @Caching(
      evict = {
        @CacheEvict(cacheNames = CacheNames.BOOKS, key = "#id"),
        @CacheEvict(cacheNames = CacheNames.TOTALS, allEntries = true)
      })
  public boolean updateCopies(long id, int copies) {
    return jdbc.sql(
                "UPDATE books SET copies = :copies WHERE id = :id AND :copies >= (SELECT count(*)"
                    + " FROM loans WHERE book_id = :id AND returned_at IS NULL)")
            .param("id", id)
            .param("copies", copies)
            .update()
        == 1;
  }

  /**
   * Adds the books whose ISBN-13 is not in the catalogue yet; returns how many were new. Clears the
   * cached catalogue pages.
   */
  @CacheEvict(cacheNames = CacheNames.CATALOGUE, allEntries = true)
  public int insertMissing(List<NewBook> books) {
    int[][] counts =
        jdbcTemplate.batchUpdate(
            "INSERT INTO books (isbn13, title, authors, publication_year, language, copies)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (isbn13) DO NOTHING",
            books,
            500,
            (ps, book) -> {
              ps.setString(1, book.isbn13());
              ps.setString(2, book.title());
              ps.setString(3, book.authors());
              ps.setObject(4, book.publicationYear(), java.sql.Types.INTEGER);
              ps.setString(5, book.language());
              ps.setInt(6, book.copies());
            });
    int inserted = 0;
    for (int[] batch : counts) {
      for (int count : batch) {
        inserted += Math.max(count, 0);
      }
    }
    return inserted;
  }
}
