package io.legerible.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

  @Test
  void statementsCreateTheKeyspaceFirstWithTheGivenReplicationFactor() {
    var statements = CassandraSchema.statements("lake", 3);

    assertThat(statements.get(0))
        .startsWith("CREATE KEYSPACE IF NOT EXISTS lake")
        .contains("'replication_factor': 3");
    assertThat(statements)
        .hasSize(5)
        .allSatisfy(statement -> assertThat(statement).contains("IF NOT EXISTS lake"))
        .noneMatch(statement -> statement.contains("${"))
        .anyMatch(statement -> statement.contains("lake.data_path_probes"));
  }

  @Test
  void alteringGivesTheKeyspaceTheSameReplicationTheCreationWould() {
    String create = CassandraSchema.statements("lake", 2).get(0);

    assertThat(CassandraSchema.alterReplication("lake", 2))
        .isEqualTo(create.replace("CREATE KEYSPACE IF NOT EXISTS", "ALTER KEYSPACE"));
  }

  @Test
  void keyspaceNamesThatCouldInjectCqlAreRefused() {
    assertThatThrownBy(() -> CassandraSchema.statements("x; DROP KEYSPACE y", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyspace");
    assertThatThrownBy(() -> CassandraSchema.alterReplication("x; DROP KEYSPACE y", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyspace");
  }
}
