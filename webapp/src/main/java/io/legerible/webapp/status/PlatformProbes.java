package io.legerible.webapp.status;

import io.legerible.webapp.loan.LoanEventOutbox;
import io.legerible.webapp.system.CassandraConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.MemcachedClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks each backing service whether it answers, with a short timeout each. One Kafka admin client
 * serves every probe, and answers are reused for a few seconds, so visitors reloading the status
 * page never multiply connections to the services.
 */
@Component
class PlatformProbes implements DisposableBean {

  private final JdbcClient jdbc;
  private final MemcachedClient memcached;
  private final CassandraConnection cassandra;
  private final LoanEventOutbox outbox;
  private final String kafkaBootstrapServers;
  private final Duration timeout;
  private final Duration reuse;
  private Admin kafkaAdmin;
  private List<ServiceStatus> lastAnswers;
  private long lastProbedAt;

  PlatformProbes(
      JdbcClient jdbc,
      MemcachedClient memcached,
      CassandraConnection cassandra,
      LoanEventOutbox outbox,
      @Value("${spring.kafka.bootstrap-servers}") String kafkaBootstrapServers,
      @Value("${legerible.status.timeout:PT2S}") Duration timeout,
      @Value("${legerible.status.reuse:PT5S}") Duration reuse) {
    this.jdbc = jdbc;
    this.memcached = memcached;
    this.cassandra = cassandra;
    this.outbox = outbox;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.timeout = timeout;
    this.reuse = reuse;
  }

  /** Every service's answer, at most {@code legerible.status.reuse} old. */
  synchronized List<ServiceStatus> probeAll() {
    long now = System.nanoTime();
    if (lastAnswers == null || now - lastProbedAt > reuse.toNanos()) {
      lastAnswers = probeNow();
      lastProbedAt = System.nanoTime();
    }
    return lastAnswers;
  }

  private List<ServiceStatus> probeNow() {
    return List.of(
        probe(
            "PostgreSQL",
            () -> jdbc.sql("SELECT version()").query(String.class).single().split(" on ")[0]),
        probe(
            "memcached",
            () -> {
              Map<java.net.InetSocketAddress, String> versions =
                  memcached.getVersions(timeout.toMillis());
              if (versions.isEmpty()) {
                throw new IllegalStateException("no server answered");
              }
              return "version " + String.join(", ", versions.values());
            }),
        probe("Kafka", this::kafka),
        probe(
            "Cassandra",
            () ->
                cassandra
                    .session()
                    .map(
                        session ->
                            "version "
                                + session
                                    .execute("SELECT release_version FROM system.local")
                                    .one()
                                    .getString(0))
                    .orElseThrow(() -> new IllegalStateException(cassandra.lastError()))));
  }

  long pendingLoanEvents() {
    try {
      return outbox.countPending();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private String kafka() throws Exception {
    if (kafkaAdmin == null) {
      kafkaAdmin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafkaBootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "legerible-webapp-status",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) timeout.toMillis(),
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) timeout.toMillis()));
    }
    int brokers =
        kafkaAdmin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    return brokers + " broker(s)";
  }

  @Override
  public synchronized void destroy() {
    if (kafkaAdmin != null) {
      kafkaAdmin.close(timeout);
    }
  }

  private static ServiceStatus probe(String name, Callable<String> check) {
    long start = System.nanoTime();
    try {
      String detail = check.call();
      return new ServiceStatus(name, true, elapsedMillis(start), detail);
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new ServiceStatus(name, false, elapsedMillis(start), message);
    }
  }

  private static long elapsedMillis(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
