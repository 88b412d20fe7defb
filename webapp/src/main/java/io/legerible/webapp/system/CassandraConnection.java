package io.legerible.webapp.system;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The website's read-only connection to the Cassandra data lake. Connects in the background and
 * again after a failure, so neither start-up nor a page ever waits for an absent Cassandra.
 */
@Component
public class CassandraConnection implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CassandraConnection.class);

  private final String contactPoints;
  private final String localDatacenter;
  private final String keyspace;
  private final String user;
  private final String password;
  private final Duration requestTimeout;
  private final AtomicReference<CqlSession> session = new AtomicReference<>();
  private volatile String lastError = "not connected yet";
  private int failedAttempts;
  private long nextAttemptNanos = System.nanoTime();

  CassandraConnection(
      @Value("${legerible.cassandra.contact-points}") String contactPoints,
      @Value("${legerible.cassandra.local-datacenter}") String localDatacenter,
      @Value("${legerible.cassandra.keyspace}") String keyspace,
      @Value("${legerible.cassandra.user:}") String user,
      @Value("${legerible.cassandra.password:}") String password,
      @Value("${legerible.cassandra.request-timeout:PT2S}") Duration requestTimeout) {
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new IllegalArgumentException(
          "legerible.cassandra.keyspace must be lower-case letters, digits and '_': " + keyspace);
    }
    this.contactPoints = contactPoints;
    this.localDatacenter = localDatacenter;
    this.keyspace = keyspace;
    this.user = user;
    this.password = password;
    this.requestTimeout = requestTimeout;
  }

  /** The keyspace the data lake lives in (validated, safe to put into CQL). */
  public String keyspace() {
    return keyspace;
  }

  /** The session, if Cassandra answered. */
  public Optional<CqlSession> session() {
    return Optional.ofNullable(session.get());
  }

  /** Why there is no session, for the status page. */
  public String lastError() {
    return lastError;
  }

  /** Called by readers when a query failed; the session is kept, the driver reconnects itself. */
  public void reportFailure(RuntimeException e) {
    lastError = e.getMessage();
  }

  @Scheduled(fixedDelayString = "${legerible.cassandra.reconnect-interval:PT15S}")
  void connectIfNeeded() {
    if (session.get() != null || System.nanoTime() - nextAttemptNanos < 0) {
      return;
    }
    try {
      CqlSessionBuilder builder =
          CqlSession.builder()
              .withLocalDatacenter(localDatacenter)
              .withConfigLoader(
                  DriverConfigLoader.programmaticBuilder()
                      .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                      .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, requestTimeout)
                      .withDuration(
                          DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, requestTimeout)
                      .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, requestTimeout)
                      .build());
      for (String contactPoint : contactPoints.split(",")) {
        builder.addContactPoint(address(contactPoint.strip()));
      }
      if (!user.isBlank()) {
        builder.withAuthCredentials(user, password);
      }
      session.set(builder.build());
      lastError = "";
      failedAttempts = 0;
      log.info("Connected to Cassandra at {}", contactPoints);
    } catch (RuntimeException e) {
      if (!Objects.equals(e.getMessage(), lastError)) {
        log.warn(
            "Cassandra at {} does not answer ({}); the loan trend stays empty until it does",
            contactPoints,
            e.getMessage());
      }
      lastError = e.getMessage();
      // Building a session is costly: while Cassandra stays away, try less often (up to 2 min).
      failedAttempts = Math.min(failedAttempts + 1, 4);
      nextAttemptNanos =
          System.nanoTime() + Duration.ofSeconds(15L << failedAttempts).toNanos() / 2;
    }
  }

  static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 0) {
      return new InetSocketAddress(hostAndPort, 9042);
    }
    return new InetSocketAddress(
        hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  @Override
  public void destroy() {
    CqlSession current = session.getAndSet(null);
    if (current != null) {
      current.close();
    }
  }
}
