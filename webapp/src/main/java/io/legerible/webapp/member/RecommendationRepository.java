package io.legerible.webapp.member;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recommendations written by the batch job; personal, never cached. */
@Repository
public class RecommendationRepository {

  private final JdbcClient jdbc;

  RecommendationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to four recommended books the member has never loaned, best first. */
  public List<Recommendation> findForMember(long memberId) {
    return jdbc.sql(
            "SELECT r.rank, r.book_id, b.title, b.authors, r.because_book_id,"
                + " because.title AS because_title"
                + " FROM recommendations r JOIN books b ON b.id = r.book_id"
                + " LEFT JOIN books because ON because.id = r.because_book_id"
                + " WHERE r.member_id = :member"
                + " AND NOT EXISTS (SELECT 1 FROM loans l"
                + "   WHERE l.member_id = r.member_id AND l.book_id = r.book_id)"
                + " ORDER BY r.rank LIMIT 4")
        .param("member", memberId)
        .query(
            (rs, row) ->
                new Recommendation(
                    rs.getInt("rank"),
                    rs.getLong("book_id"),
                    rs.getString("title"),
                    rs.getString("authors"),
                    rs.getObject("because_book_id", Long.class),
                    rs.getString("because_title")))
        .list();
  }
}
