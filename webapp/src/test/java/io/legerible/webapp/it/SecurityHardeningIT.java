package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The findings of the security review stay fixed: each test fails without its fix. */
class SecurityHardeningIT extends WebsiteIntegrationTest {

  @Test
  void headRequestsToPersonalPagesAreSentToSignIn() {
    for (String path : List.of("/profile", "/loans")) {
      HttpResponse<String> head = visitor().head(path);
      assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(302);
      assertThat(head.headers().firstValue("Location")).hasValue("/login");
    }
  }

  @Test
  void metricsAreRefusedToVisitorsAndMembersAndServedToTheScraper() {
    assertThat(visitor().get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(member("benni").get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(
            visitor()
                .get("/actuator/prometheus", Map.of("Authorization", basic("metrics", "guess")))
                .statusCode())
        .isEqualTo(401);
    assertThat(visitor().get("/actuator/env").statusCode()).isIn(401, 403, 404);

    HttpResponse<String> scraped =
        visitor()
            .get(
                "/actuator/prometheus", Map.of("Authorization", basic("metrics", SCRAPE_PASSWORD)));
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body())
        .contains("http_server_requests_seconds_count")
        .contains("hikaricp_connections")
        .contains("legerible_outbox_pending");
    assertThat(visitor().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void aForgedHostHeaderNeverReachesARedirect() throws IOException {
    for (String path : List.of("/profile", "/loans")) {
      String head = rawGet(path, "evil.example");
      assertThat(head).startsWith("HTTP/1.1 302").doesNotContain("evil.example");
      assertThat(head).containsIgnoringCase("Location: /login");
    }
  }

  @Test
  void theSessionCookieIsSecureWhenTheVisitorCameOverTls() {
    String overTls =
        visitor()
            .get("/login", Map.of("X-Forwarded-Proto", "https"))
            .headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(cookie -> cookie.startsWith("SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(overTls).contains("; Secure").contains("HttpOnly");
    String plain =
        visitor().get("/login").headers().allValues("Set-Cookie").stream()
            .filter(cookie -> cookie.startsWith("SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(plain).doesNotContain("Secure");
  }

  @Test
  void pagesCarryReferrerAndPermissionsPolicies() {
    for (String path : List.of("/", "/books", "/books?sort=oldest", "/login")) {
      HttpResponse<String> page = visitor().get(path);
      assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
      assertThat(page.headers().firstValue("Permissions-Policy"))
          .as(path)
          .hasValueSatisfying(policy -> assertThat(policy).contains("camera=()"));
    }
  }

  @Test
  void theStatusPageTellsVisitorsAndMembersNoVersionsAndKeepsOneKafkaClient()
      throws MalformedObjectNameException {
    for (WebSession session : List.of(visitor(), member("susi"))) {
      String status = session.get("/status").body();
      assertThat(status).contains("id=\"service-PostgreSQL\"");
      assertThat(status)
          .doesNotContain("PostgreSQL 1")
          .doesNotContain("version ")
          .doesNotContain("broker(s)")
          .contains("Librarians who are signed in also see");
    }
    Set<String> first = statusKafkaClients();
    visitor().get("/status");
    visitor().get("/status");
    assertThat(first).hasSize(1);
    assertThat(statusKafkaClients()).isEqualTo(first);
  }

  /** Kafka admin clients of the status page that are open now (each registers an MBean). */
  private static Set<String> statusKafkaClients() throws MalformedObjectNameException {
    return ManagementFactory.getPlatformMBeanServer()
        .queryNames(new ObjectName("kafka.admin.client:type=app-info,*"), null)
        .stream()
        .map(name -> name.getKeyProperty("id"))
        .filter(id -> id != null && id.startsWith("legerible-webapp-status"))
        .collect(Collectors.toSet());
  }

  private String rawGet(String path, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = response.indexOf("\r\n\r\n");
      return end < 0 ? response : response.substring(0, end);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
