package io.legerible.webapp.member;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins in PostgreSQL, shared by every replica; never cached. */
@Repository
class SignInFailureRepository {

  private final JdbcClient jdbc;

  SignInFailureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many failures the subject had within the window. */
  int failures(String subject, Duration window) {
    return jdbc.sql(
            "SELECT count(*) FROM sign_in_failures WHERE subject = :subject"
                + " AND failed_at > now() - make_interval(secs => :seconds)")
        .param("subject", subject)
        .param("seconds", window.toSeconds())
        .query(Integer.class)
        .single();
  }

  /** Records one failure for each subject and forgets theirs older than the window. */
  void record(List<String> subjects, Duration window) {
    jdbc.sql(
            "DELETE FROM sign_in_failures WHERE subject IN (:subjects)"
                + " AND failed_at <= now() - make_interval(secs => :seconds)")
        .param("subjects", subjects)
        .param("seconds", window.toSeconds())
        .update();
    for (String subject : subjects) {
      jdbc.sql("INSERT INTO sign_in_failures (subject) VALUES (:subject)")
          .param("subject", subject)
          .update();
    }
  }

  /** Forgets every failure of the subject. */
  void forget(String subject) {
    jdbc.sql("DELETE FROM sign_in_failures WHERE subject = :subject")
        .param("subject", subject)
        .update();
  }
}
