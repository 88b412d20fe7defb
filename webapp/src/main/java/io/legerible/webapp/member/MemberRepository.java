package io.legerible.webapp.member;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members in PostgreSQL. Member data is personal: nothing here is cached. */
@Repository
public class MemberRepository {

  private final JdbcClient jdbc;

  MemberRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The member with this id. */
  public Optional<Member> findById(long id) {
    return jdbc.sql(
            "SELECT id, username, first_name, last_name, created_at FROM members WHERE id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new Member(
                    rs.getLong("id"),
                    rs.getString("username"),
                    rs.getString("first_name"),
                    rs.getString("last_name"),
                    rs.getObject("created_at", OffsetDateTime.class)))
        .optional();
  }

  /** Id, user name and password hash of the member signing in. */
  public Optional<MemberPrincipal> findPrincipal(String username) {
    return jdbc.sql(
            "SELECT id, username, password_hash, role FROM members WHERE username = :username")
        .param("username", username)
        .query(
            (rs, row) ->
                new MemberPrincipal(
                    rs.getLong("id"),
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    Role.LIBRARIAN.name().equals(rs.getString("role"))))
        .optional();
  }

  /** Creates the account unless the user name is taken; returns the new id. */
  public Optional<Long> insertIfAbsent(
      String username, String passwordHash, String firstName, String lastName, Role role) {
    return jdbc.sql(
            "INSERT INTO members (username, password_hash, first_name, last_name, role)"
                + " VALUES (:username, :hash, :first, :last, :role)"
                + " ON CONFLICT (username) DO NOTHING RETURNING id")
        .param("username", username)
        .param("hash", passwordHash)
        .param("first", firstName)
        .param("last", lastName)
        .param("role", role.name())
        .query(Long.class)
        .optional();
  }

  /** Replaces a member's password hash. */
  public void updatePasswordHash(String username, String passwordHash) {
    jdbc.sql("UPDATE members SET password_hash = :hash WHERE username = :username")
        .param("hash", passwordHash)
        .param("username", username)
        .update();
  }

  /**
   * A member (never a librarian) drawn at random among those who may borrow the book now: fewer
   * than {@code maxOpenLoans} books on loan and no open loan of this book.
   */
  public Optional<Long> randomMemberWhoMayBorrow(long bookId, int maxOpenLoans) {
    return jdbc.sql(
            "SELECT m.id FROM members m WHERE m.role = 'MEMBER'"
                + " AND (SELECT count(*) FROM loans l WHERE l.member_id = m.id"
                + " AND l.returned_at IS NULL) < :max"
                + " AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.member_id = m.id"
                + " AND l.book_id = :book AND l.returned_at IS NULL)"
                + " ORDER BY random() LIMIT 1")
        .param("max", maxOpenLoans)
        .param("book", bookId)
        .query(Long.class)
        .optional();
  }
}
