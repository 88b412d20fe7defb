package io.legerible.testkit.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServices.class)
class SharedServicesIT {

  @Test
  void injectsTheSharedServerAndAFreshDatabasePerParameter(
      PostgresServer server, PostgresDatabase first, PostgresDatabase second) throws SQLException {
    assertThat(server).isSameAs(PostgresServer.shared());
    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(first.jdbcUrl()).isEqualTo(server.jdbcUrl(first.name()));
    try (Connection connection =
        DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password())) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void injectsTheSharedMemcached(MemcachedServer memcached) {
    assertThat(memcached).isSameAs(MemcachedServer.shared());
    assertThat(memcached.address()).isEqualTo("127.0.0.1:" + memcached.port());
  }
}
