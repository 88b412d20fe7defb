package io.legerible.webapp.loan;

import io.legerible.webapp.system.Paged;
import io.legerible.webapp.system.SearchTerms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Loans in PostgreSQL. Loans are live and partly personal: nothing here is cached. */
@Repository
public class LoanRepository {

  private static final String ROW_SELECT =
      "SELECT l.id, l.member_id, m.username, l.book_id, b.isbn13, b.title, b.authors,"
          + " l.loaned_at, l.returned_at"
          + " FROM loans l JOIN books b ON b.id = l.book_id JOIN members m ON m.id = l.member_id";

  private final JdbcClient jdbc;

  LoanRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The locked book row: the ISBN and copies, while this transaction decides on a loan. */
  record LockedBook(long id, String isbn13, int copies) {}

  /** A loan just written. */
  record Recorded(long loanId, long memberId, long bookId, String isbn13, OffsetDateTime at) {}

  Optional<LockedBook> lockBook(long bookId) {
    return jdbc.sql("SELECT id, isbn13, copies FROM books WHERE id = :id FOR UPDATE")
        .param("id", bookId)
        .query((rs, row) -> new LockedBook(rs.getLong(1), rs.getString(2), rs.getInt(3)))
        .optional();
  }

  /** Locks the member's row while this transaction decides on a loan; false when there is none. */
  boolean lockMember(long memberId) {
    return jdbc.sql("SELECT id FROM members WHERE id = :id FOR UPDATE")
        .param("id", memberId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** Books the member holds on loan now. */
  public int countOpenOfMember(long memberId) {
    return jdbc.sql("SELECT count(*) FROM loans WHERE member_id = :member AND returned_at IS NULL")
        .param("member", memberId)
        .query(Integer.class)
        .single();
  }

  /** Loans the member made within the last {@code window}, returned or not. */
  int countLoanedWithin(long memberId, java.time.Duration window) {
    return jdbc.sql(
            "SELECT count(*) FROM loans WHERE member_id = :member"
                + " AND loaned_at > now() - make_interval(secs => :seconds)")
        .param("member", memberId)
        .param("seconds", window.toSeconds())
        .query(Integer.class)
        .single();
  }

  int countOpen(long bookId) {
    return jdbc.sql("SELECT count(*) FROM loans WHERE book_id = :id AND returned_at IS NULL")
        .param("id", bookId)
        .query(Integer.class)
        .single();
  }

  boolean hasOpenLoan(long memberId, long bookId) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM loans WHERE member_id = :member AND book_id = :book"
                + " AND returned_at IS NULL)")
        .param("member", memberId)
        .param("book", bookId)
        .query(Boolean.class)
        .single();
  }

  Recorded insert(long memberId, LockedBook book) {
    return jdbc.sql(
            "INSERT INTO loans (member_id, book_id) VALUES (:member, :book)"
                + " RETURNING id, loaned_at")
        .param("member", memberId)
        .param("book", book.id())
        .query(
            (rs, row) ->
                new Recorded(
                    rs.getLong("id"),
                    memberId,
                    book.id(),
                    book.isbn13(),
                    rs.getObject("loaned_at", OffsetDateTime.class)))
        .single();
  }

  /** Writes a loan of the past, e.g. the demo members' history. */
  Recorded insertHistorical(
      long memberId, LockedBook book, OffsetDateTime loanedAt, OffsetDateTime returnedAt) {
    long id =
        jdbc.sql(
                "INSERT INTO loans (member_id, book_id, loaned_at, returned_at)"
                    + " VALUES (:member, :book, :loanedAt, :returnedAt) RETURNING id")
            .param("member", memberId)
            .param("book", book.id())
            .param("loanedAt", loanedAt)
            .param("returnedAt", returnedAt)
            .query(Long.class)
            .single();
    return new Recorded(id, memberId, book.id(), book.isbn13(), loanedAt);
  }

  /** Closes the member's open loan; empty when it is not theirs or already returned. */
  Optional<Recorded> markReturned(long loanId, long memberId) {
    return jdbc.sql(
            "UPDATE loans l SET returned_at = now() FROM books b"
                + " WHERE l.id = :loan AND l.member_id = :member AND l.returned_at IS NULL"
                + " AND b.id = l.book_id RETURNING l.id, l.book_id, b.isbn13, l.returned_at")
        .param("loan", loanId)
        .param("member", memberId)
        .query(
            (rs, row) ->
                new Recorded(
                    rs.getLong(1),
                    memberId,
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class)))
        .optional();
  }

  /** Closes any open loan at the desk; empty when there is no such open loan. */
  Optional<Recorded> markReturnedAtDesk(long loanId) {
    return jdbc.sql(
            "UPDATE loans l SET returned_at = now() FROM books b"
                + " WHERE l.id = :loan AND l.returned_at IS NULL"
                + " AND b.id = l.book_id RETURNING l.id, l.member_id, l.book_id, b.isbn13,"
                + " l.returned_at")
        .param("loan", loanId)
        .query(
            (rs, row) ->
                new Recorded(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class)))
        .optional();
  }

  /** Up to {@code count} distinct books drawn at random among those with a free copy. */
  List<Long> randomAvailableBookIds(int count) {
    return jdbc.sql(
            "SELECT b.id FROM books b"
                + " WHERE b.copies > (SELECT count(*) FROM loans l"
                + "   WHERE l.book_id = b.id AND l.returned_at IS NULL)"
                + " ORDER BY random() LIMIT :count")
        .param("count", count)
        .query(Long.class)
        .list();
  }

  /** The member's open loans, newest first. */
  public List<LoanRow> findOpenByMember(long memberId) {
    return jdbc.sql(
            ROW_SELECT
                + " WHERE l.member_id = :member AND l.returned_at IS NULL"
                + " ORDER BY l.loaned_at DESC, l.id DESC")
        .param("member", memberId)
        .query(LoanRepository::row)
        .list();
  }

  /** The member's most recent returned loans, newest first. */
  public List<LoanRow> findReturnedByMember(long memberId, int limit) {
    return jdbc.sql(
            ROW_SELECT
                + " WHERE l.member_id = :member AND l.returned_at IS NOT NULL"
                + " ORDER BY l.returned_at DESC, l.id DESC LIMIT :limit")
        .param("member", memberId)
        .param("limit", limit)
        .query(LoanRepository::row)
        .list();
  }

  /**
   * One page of the member's loans, or of every member's when {@code memberId} is null (the desk),
   * newest first, optionally filtered by title, author, ISBN or member.
   */
  public Paged<LoanRow> findPage(Long memberId, String search, int page, int size) {
    String term = SearchTerms.clean(search);
    String where =
        " WHERE (CAST(:member AS BIGINT) IS NULL OR l.member_id = :member)"
            + (term.isEmpty()
                ? ""
                : " AND (b.title ILIKE :pattern OR b.authors ILIKE :pattern"
                    + " OR m.username ILIKE :pattern OR b.isbn13 LIKE :isbnPrefix)");
    var select =
        jdbc.sql(
                ROW_SELECT
                    + where
                    + " ORDER BY l.loaned_at DESC, l.id DESC LIMIT :limit OFFSET :offset")
            .param("member", memberId, java.sql.Types.BIGINT)
            .param("limit", size)
            .param("offset", Paged.offset(page, size));
    var count =
        jdbc.sql(
                "SELECT count(*) FROM loans l JOIN books b ON b.id = l.book_id"
                    + " JOIN members m ON m.id = l.member_id"
                    + where)
            .param("member", memberId, java.sql.Types.BIGINT);
    if (!term.isEmpty()) {
      String pattern = SearchTerms.containsPattern(term);
      String isbnPrefix = SearchTerms.isbnPrefixPattern(term);
      select = select.param("pattern", pattern).param("isbnPrefix", isbnPrefix);
      count = count.param("pattern", pattern).param("isbnPrefix", isbnPrefix);
    }
    return new Paged<>(
        select.query(LoanRepository::row).list(), page, size, count.query(Long.class).single());
  }

  private static LoanRow row(ResultSet rs, int rowNum) throws SQLException {
    return new LoanRow(
        rs.getLong("id"),
        rs.getLong("member_id"),
        rs.getString("username"),
        rs.getLong("book_id"),
        rs.getString("isbn13"),
        rs.getString("title"),
        rs.getString("authors"),
        rs.getObject("loaned_at", OffsetDateTime.class),
        rs.getObject("returned_at", OffsetDateTime.class));
  }
}
