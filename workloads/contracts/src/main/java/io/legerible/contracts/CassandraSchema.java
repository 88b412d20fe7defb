package io.legerible.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The data lake's CQL statements, in order, ready to execute one by one (all idempotent). */
public final class CassandraSchema {

  private static final String RESOURCE = "cassandra-schema.cql";

  private CassandraSchema() {}

  /** The statements for {@code keyspace} with {@code replicationFactor} copies of each row. */
  public static List<String> statements(String keyspace, int replicationFactor) {
    String cql =
        read()
            .replace("${keyspace}", checkedKeyspace(keyspace))
            .replace("${replication}", replication(replicationFactor));
    String withoutComments = cql.replaceAll("(?m)^--.*$", "");
    return Arrays.stream(withoutComments.split(";"))
        .map(String::strip)
        .filter(statement -> !statement.isEmpty())
        .toList();
  }

  /**
   * The statement giving an existing keyspace {@code replicationFactor} copies of each row (rows
   * written before reach the new copies only through a full repair).
   */
  public static String alterReplication(String keyspace, int replicationFactor) {
    return "ALTER KEYSPACE "
        + checkedKeyspace(keyspace)
        + " WITH replication = "
        + replication(replicationFactor);
  }

  private static String replication(int replicationFactor) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1");
    }
    return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
  }

  private static String checkedKeyspace(String keyspace) {
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new IllegalArgumentException(
          "Cassandra keyspace must be lower-case letters, digits and '_': " + keyspace);
    }
    return keyspace;
  }

  private static String read() {
    try (InputStream in = CassandraSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
