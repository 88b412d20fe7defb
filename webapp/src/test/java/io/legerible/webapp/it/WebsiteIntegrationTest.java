package io.legerible.webapp.it;

import com.datastax.oss.driver.api.core.CqlSession;
import io.legerible.contracts.CassandraSchema;
import io.legerible.contracts.CassandraTables;
import io.legerible.testkit.services.CassandraServer;
import io.legerible.testkit.services.KafkaServer;
import io.legerible.testkit.services.MemcachedServer;
import io.legerible.testkit.services.PostgresDatabase;
import io.legerible.testkit.services.PostgresServer;
import io.legerible.webapp.LegeribleApplication;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One website for every integration test of this module, on real PostgreSQL (a fresh database),
 * memcached, Kafka and Cassandra started by the test kit. memcached and Kafka are this JVM's own
 * instances, so a test may stop and restart them; every test shares the one Spring context.
 */
@SpringBootTest(
    classes = LegeribleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WebsiteIntegrationTest {

  /** Password of the demo members in this test run. */
  static final String DEMO_PASSWORD = "it-" + UUID.randomUUID();

  /** Password of the demo librarian in this test run. */
  static final String LIBRARIAN_PASSWORD = "it-librarian-" + UUID.randomUUID();

  /** Password of the metrics scraper in this test run. */
  static final String SCRAPE_PASSWORD = "scrape-" + UUID.randomUUID();

  /** Most open loans per member in this test run. */
  static final int MAX_OPEN_LOANS = 25;

  static final String CASSANDRA_KEYSPACE = "webapp_it";

  private static final AtomicInteger NEXT_MEMBER = new AtomicInteger();

  static final PostgresDatabase DATABASE = PostgresServer.shared().newDatabase();
  static final MemcachedServer MEMCACHED = MemcachedServer.startNew();
  static final KafkaServer KAFKA = KafkaServer.startNew();
  static final CassandraServer CASSANDRA = CassandraServer.shared();

  static {
    // The stream job owns the data lake's schema; here the test plays its part.
    try (CqlSession session = cassandraSession()) {
      CassandraSchema.statements(CASSANDRA_KEYSPACE, 1).forEach(session::execute);
    }
  }

  @LocalServerPort int port;

  @Autowired JdbcClient jdbc;

  @Autowired PasswordEncoder passwordEncoder;

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::jdbcUrl);
    registry.add("spring.datasource.username", DATABASE::username);
    registry.add("spring.datasource.password", DATABASE::password);
    registry.add("legerible.memcached.servers", MEMCACHED::address);
    registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    registry.add("legerible.cassandra.contact-points", CASSANDRA::contactPoint);
    registry.add("legerible.cassandra.local-datacenter", CASSANDRA::localDatacenter);
    registry.add("legerible.cassandra.keyspace", () -> CASSANDRA_KEYSPACE);
    registry.add("legerible.cassandra.reconnect-interval", () -> "1s");
    registry.add("legerible.catalogue", () -> "goodbooks-10k");
    registry.add("legerible.demo.member-password", () -> DEMO_PASSWORD);
    registry.add("legerible.demo.librarian-password", () -> LIBRARIAN_PASSWORD);
    registry.add("legerible.metrics.scrape-password", () -> SCRAPE_PASSWORD);
    registry.add("legerible.loans.max-open-per-member", () -> MAX_OPEN_LOANS);
    registry.add("legerible.memcached.ttl.trend", () -> "1s");
    registry.add("legerible.outbox.relay-interval", () -> "200ms");
    registry.add("legerible.status.reuse", () -> "0s");
    registry.add("legerible.outbox.max-backoff", () -> "2s");
  }

  /**
   * Writes what the stream job would: loans per 5-minute window for the last ten minutes, books 1
   * and 2 with 10 + minutes-ago loans each, so the busiest window totals 38. Returns the latest
   * window's start, so that a reader counts from the same minute even when the clock turned one.
   */
  static Instant writeLoanTrend() {
    Instant latest = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
    try (CqlSession session = cassandraSession()) {
      for (int minutesAgo = 0; minutesAgo < 10; minutesAgo++) {
        Instant windowStart = latest.minus(minutesAgo, ChronoUnit.MINUTES);
        for (long bookId = 1; bookId <= 2; bookId++) {
          session.execute(
              "INSERT INTO "
                  + CASSANDRA_KEYSPACE
                  + "."
                  + CassandraTables.WINDOWED_LOAN_COUNTS
                  + " (day, window_minutes, window_start, book_id, loans) VALUES (?, ?, ?, ?, ?)",
              LocalDate.ofInstant(windowStart, ZoneOffset.UTC),
              5,
              windowStart,
              bookId,
              (long) (10 + minutesAgo));
        }
      }
    }
    return latest;
  }

  /** Writes what the stream job would: every book's all-time loan count from the loans table. */
  void writeRankingFromLoans() {
    jdbc.sql(
            "INSERT INTO book_ranking (book_id, total_loans)"
                + " SELECT book_id, count(*) FROM loans GROUP BY book_id"
                + " ON CONFLICT (book_id) DO UPDATE SET total_loans = EXCLUDED.total_loans")
        .update();
  }

  private static CqlSession cassandraSession() {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(CASSANDRA.host(), CASSANDRA.port()))
        .withLocalDatacenter(CASSANDRA.localDatacenter())
        .build();
  }

  /** A new visitor with an empty cookie jar. */
  WebSession visitor() {
    return new WebSession("http://127.0.0.1:" + port);
  }

  /** A visitor signed in as one of the demo members. */
  WebSession member(String username) {
    WebSession session = visitor();
    session.signIn(username, DEMO_PASSWORD);
    return session;
  }

  /** A visitor signed in as the demo librarian. */
  WebSession librarian() {
    WebSession session = visitor();
    session.signIn("librarian", LIBRARIAN_PASSWORD);
    return session;
  }

  /** Registers a member of this test alone, with the demo password; returns the user name. */
  String newMember() {
    String username = "it-member-" + NEXT_MEMBER.incrementAndGet() + "-" + System.nanoTime() % 1000;
    jdbc.sql(
            "INSERT INTO members (username, password_hash, first_name, last_name)"
                + " VALUES (:username, :hash, 'Test', 'Member')")
        .param("username", username)
        .param("hash", passwordEncoder.encode(DEMO_PASSWORD))
        .update();
    return username;
  }

  long bookIdByIsbn(String isbn13) {
    return jdbc.sql("SELECT id FROM books WHERE isbn13 = :isbn")
        .param("isbn", isbn13)
        .query(Long.class)
        .single();
  }

  long memberId(String username) {
    return jdbc.sql("SELECT id FROM members WHERE username = :username")
        .param("username", username)
        .query(Long.class)
        .single();
  }
}
