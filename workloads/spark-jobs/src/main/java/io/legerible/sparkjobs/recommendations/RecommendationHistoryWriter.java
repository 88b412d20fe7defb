package io.legerible.sparkjobs.recommendations;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.legerible.contracts.CassandraTables;
import io.legerible.sparkjobs.platform.CassandraBatchWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Appends a run's recommendations to the data lake's history (keyed by member, run, rank). */
final class RecommendationHistoryWriter {

  private final CassandraBatchWriter writer;
  private final PreparedStatement insert;

  RecommendationHistoryWriter(CqlSession session, String keyspace) {
    this.writer = new CassandraBatchWriter(session, 256);
    this.insert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + CassandraTables.RECOMMENDATION_HISTORY
                + " (member_id, generated_at, rank, book_id, because_book_id, score)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
  }

  void append(List<Row> recommendations, Instant generatedAt) {
    Map<Long, List<BoundStatement>> partitions = new LinkedHashMap<>();
    for (Row row : recommendations) {
      partitions
          .computeIfAbsent(row.getLong(0), member -> new ArrayList<>())
          .add(
              insert.bind(
                  row.getLong(0),
                  generatedAt,
                  row.getInt(1),
                  row.getLong(2),
                  row.isNullAt(3) ? null : row.getLong(3),
                  row.getDouble(4)));
    }
    writer.writePartitions(partitions.values());
  }
}
