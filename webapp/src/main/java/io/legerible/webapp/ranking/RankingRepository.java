package io.legerible.webapp.ranking;

import io.legerible.webapp.cache.CacheNames;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ranking the stream job keeps in PostgreSQL, and the library's totals (shared and cached). The
 * top 10 is read fresh on every page: one indexed query, and a loan shows in it as soon as the
 * stream has counted it.
 */
@Repository
public class RankingRepository {

  private final JdbcClient jdbc;

  RankingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The ten most loaned books of all time, with titles. */
  public ArrayList<RankedBook> topTen() {
    List<RankedBook> top =
        jdbc.sql(
                "SELECT r.book_id, b.title, b.authors, r.total_loans"
                    + " FROM book_ranking r JOIN books b ON b.id = r.book_id"
                    + " WHERE r.total_loans > 0"
                    + " ORDER BY r.total_loans DESC, r.book_id LIMIT 10")
            .query(
                (rs, row) ->
                    new RankedBook(
                        row + 1,
                        rs.getLong("book_id"),
                        rs.getString("title"),
                        rs.getString("authors"),
                        rs.getLong("total_loans")))
            .list();
    return new ArrayList<>(top);
  }

  /** Books, copies, members, loans ever made and loans open now. */
  @Cacheable(cacheNames = CacheNames.TOTALS, key = "'all'")
  public LibraryTotals totals() {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM books) AS books,"
                + " (SELECT coalesce(sum(copies), 0) FROM books) AS copies,"
                + " (SELECT count(*) FROM members) AS members,"
                + " (SELECT count(*) FROM loans) AS loans,"
                + " (SELECT count(*) FROM loans WHERE returned_at IS NULL) AS on_loan")
        .query(
            (rs, row) ->
                new LibraryTotals(
                    rs.getLong("books"),
                    rs.getLong("copies"),
                    rs.getLong("members"),
                    rs.getLong("loans"),
                    rs.getLong("on_loan")))
        .single();
  }
}
