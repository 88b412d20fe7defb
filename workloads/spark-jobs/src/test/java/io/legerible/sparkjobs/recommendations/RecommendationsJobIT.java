package io.legerible.sparkjobs.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.sparkjobs.LocalSpark;
import io.legerible.sparkjobs.platform.CassandraSettings;
import io.legerible.sparkjobs.platform.TestDatabases;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.PostgresDatabase;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationsJobIT {

  @Test
  void handCheckedLibraryGetsExpectedRecommendationsInPostgresAndHistoryInCassandra()
      throws Exception {
    PostgresDatabase database = TestDatabases.migrated();
    List<String> inserts = new ArrayList<>();
    for (Object[] book : LibraryFixture.BOOKS) {
      inserts.add(
          TestDatabases.insertBook(
              (Long) book[0], (String) book[1], (String) book[2], (String) book[3]));
    }
    for (long member : LibraryFixture.MEMBERS) {
      inserts.add(
          "INSERT INTO members (id, username, password_hash, first_name, last_name) VALUES ("
              + member
              + ", 'member"
              + member
              + "', 'x', 'First', 'Last')");
    }
    for (long[] loan : LibraryFixture.LOANS) {
      inserts.add(
          "INSERT INTO loans (member_id, book_id, loaned_at) VALUES ("
              + loan[0]
              + ", "
              + loan[1]
              + ", now() - interval '1 day' + "
              + loan[1]
              + " * interval '1 minute')");
    }
    TestDatabases.execute(database, inserts.toArray(String[]::new));
    CassandraServer server = CassandraServer.shared();
    CassandraSettings cassandra =
        new CassandraSettings(
            List.of(new InetSocketAddress(server.host(), server.port())),
            server.localDatacenter(),
            "recommendations_it",
            1,
            "",
            "");

    RecommendationsJob.run(
        LocalSpark.session(),
        TestDatabases.settings(database),
        cassandra,
        RecommenderSettings.defaults());
    RecommendationsJob.Summary second =
        RecommendationsJob.run(
            LocalSpark.session(),
            TestDatabases.settings(database),
            cassandra,
            RecommenderSettings.defaults());

    List<String> rows = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        ResultSet result =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT member_id, rank, book_id, because_book_id FROM recommendations"
                        + " ORDER BY member_id, rank")) {
      while (result.next()) {
        long because = result.getLong(4);
        boolean noReason = result.wasNull();
        rows.add(
            result.getLong(1)
                + "#"
                + result.getInt(2)
                + ":"
                + result.getLong(3)
                + (noReason ? "" : "<" + because));
      }
    }
    assertThat(rows).hasSize(7 * 4);
    assertThat(rows).contains("5#1:2<1", "5#2:3<1", "1#1:3<2", "2#1:4", "6#1:1", "6#2:2", "6#3:4");
    assertThat(rows)
        .filteredOn(r -> r.startsWith("3#1:"))
        .singleElement()
        .asString()
        .startsWith("3#1:6<");
    assertThat(second.recommendations()).isEqualTo(28);
    try (CqlSession session = cassandra.connect()) {
      long history =
          session
              .execute("SELECT count(*) FROM recommendations_it.recommendation_history")
              .one()
              .getLong(0);
      assertThat(history).isEqualTo(2 * 28);
    }
  }
}
