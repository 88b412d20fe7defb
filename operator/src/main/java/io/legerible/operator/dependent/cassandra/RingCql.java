package io.legerible.operator.dependent.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.platform.ConnectionContract;
import java.time.Duration;
import java.util.Arrays;

/**
 * CQL on a library's managed ring, through the contact points the programs get (the ring has no
 * login): a session per statement, since statements are rare (a replication change).
 */
public record RingCql(LegeribleLibrary library) implements CassandraRing.Cql {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Override
  public void execute(String statement) {
    var settings = ConnectionContract.settings(library);
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, TIMEOUT)
            .build();
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoints(
                Arrays.stream(settings.get(PlatformEnvironment.CASSANDRA_CONTACT_POINTS).split(","))
                    .map(ConnectionContract::address)
                    .toList())
            .withLocalDatacenter(settings.get(PlatformEnvironment.CASSANDRA_LOCAL_DATACENTER))
            .withConfigLoader(config)
            .build()) {
      session.execute(statement);
    }
  }
}
