package io.legerible.sparkjobs.recommendations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;

/** The recommendations table the profile page reads: replaced per member by each run. */
final class RecommendationRepository {

  private static final int CHUNK = 10_000;

  private static final String DELETE =
      "DELETE FROM recommendations WHERE member_id = ANY (?::bigint[])";

  private static final String INSERT =
      """
      INSERT INTO recommendations (member_id, rank, book_id, because_book_id, score, generated_at)
      SELECT member_id, rank, book_id, because_book_id, score, ?
      FROM unnest(?::bigint[], ?::smallint[], ?::bigint[], ?::bigint[], ?::float8[])
        AS r(member_id, rank, book_id, because_book_id, score)
      """;

  private RecommendationRepository() {}

  /**
   * In one transaction, deletes the rows of {@code members} and inserts {@code recommendations}
   * (rows of {@link Recommender#RECOMMENDATIONS}); commits.
   */
  static void replace(
      Connection connection, List<Long> members, List<Row> recommendations, Instant generatedAt)
      throws SQLException {
    try {
      for (int from = 0; from < members.size(); from += CHUNK) {
        List<Long> chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
          delete.setArray(1, connection.createArrayOf("int8", chunk.toArray()));
          delete.executeUpdate();
        }
      }
      for (int from = 0; from < recommendations.size(); from += CHUNK) {
        List<Row> chunk =
            recommendations.subList(from, Math.min(recommendations.size(), from + CHUNK));
        int size = chunk.size();
        Object[] member = new Object[size];
        Object[] rank = new Object[size];
        Object[] book = new Object[size];
        Object[] because = new Object[size];
        Object[] score = new Object[size];
        for (int i = 0; i < size; i++) {
          Row row = chunk.get(i);
          member[i] = row.getLong(0);
          rank[i] = (short) row.getInt(1);
          book[i] = row.getLong(2);
          because[i] = row.isNullAt(3) ? null : row.getLong(3);
          score[i] = row.getDouble(4);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
          insert.setTimestamp(1, Timestamp.from(generatedAt));
          insert.setArray(2, connection.createArrayOf("int8", member));
          insert.setArray(3, connection.createArrayOf("int2", rank));
          insert.setArray(4, connection.createArrayOf("int8", book));
          insert.setArray(5, connection.createArrayOf("int8", because));
          insert.setArray(6, connection.createArrayOf("float8", score));
          insert.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }
}
