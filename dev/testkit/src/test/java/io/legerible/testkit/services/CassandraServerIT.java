package io.legerible.testkit.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CassandraServerIT {

  @Test
  void keyspaceTableInsertSelect() {
    CassandraServer cassandra = CassandraServer.shared();
    String keyspace = "smoke_" + UUID.randomUUID().toString().replace("-", "");
    UUID scanId = UUID.randomUUID();

    try (CqlSession session = connect(cassandra)) {
      createShelf(session, keyspace);
      session.execute(
          "INSERT INTO " + keyspace + ".scans (isbn, scan_id, title) VALUES (?, ?, ?)",
          "9780141439518",
          scanId,
          "Pride and Prejudice");

      List<Row> rows =
          session
              .execute(
                  "SELECT scan_id, title FROM " + keyspace + ".scans WHERE isbn = ?",
                  "9780141439518")
              .all();

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).getUuid("scan_id")).isEqualTo(scanId);
      assertThat(rows.get(0).getString("title")).isEqualTo("Pride and Prejudice");
      assertThat(session.getMetadata().getNodes().values())
          .singleElement()
          .satisfies(
              node -> assertThat(node.getDatacenter()).isEqualTo(cassandra.localDatacenter()));
    }
  }

  @Test
  void stoppedNodeRefusesSessionsAndRestartKeepsData() {
    CassandraServer cassandra = CassandraServer.shared();
    String keyspace = "restart_" + UUID.randomUUID().toString().replace("-", "");
    try (CqlSession session = connect(cassandra)) {
      createShelf(session, keyspace);
      session.execute(
          "INSERT INTO " + keyspace + ".scans (isbn, scan_id, title) VALUES (?, ?, ?)",
          "9780140449136",
          UUID.randomUUID(),
          "Crime and Punishment");
    }

    cassandra.stop();
    try {
      assertThatThrownBy(() -> connect(cassandra).close()).isInstanceOf(RuntimeException.class);
    } finally {
      cassandra.start();
    }

    try (CqlSession session = connect(cassandra)) {
      assertThat(
              session
                  .execute(
                      "SELECT title FROM " + keyspace + ".scans WHERE isbn = ?", "9780140449136")
                  .one()
                  .getString("title"))
          .isEqualTo("Crime and Punishment");
    }
  }

  private static void createShelf(CqlSession session, String keyspace) {
    session.execute(
        "CREATE KEYSPACE "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute(
        "CREATE TABLE "
            + keyspace
            + ".scans (isbn text, scan_id uuid, title text, PRIMARY KEY (isbn, scan_id))");
  }

  private static CqlSession connect(CassandraServer cassandra) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(cassandra.host(), cassandra.port()))
        .withLocalDatacenter(cassandra.localDatacenter())
        .build();
  }
}
