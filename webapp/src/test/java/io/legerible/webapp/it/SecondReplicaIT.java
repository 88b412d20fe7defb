package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.webapp.LegeribleApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

class SecondReplicaIT extends WebsiteIntegrationTest {

  @Test
  void aMemberSignedInOnOneReplicaIsSignedInOnAnother() throws Exception {
    WebSession nadia = member("nadia");
    String cookie = nadia.cookieHeader(URI.create("http://127.0.0.1:" + port + "/profile"));
    assertThat(cookie).contains("SESSION=");

    try (ConfigurableApplicationContext replica =
        new SpringApplicationBuilder(LegeribleApplication.class)
            .run(
                arguments(
                    Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("spring.datasource.url", DATABASE.jdbcUrl()),
                        Map.entry("spring.datasource.username", DATABASE.username()),
                        Map.entry("spring.datasource.password", DATABASE.password()),
                        Map.entry("legerible.memcached.servers", MEMCACHED.address()),
                        Map.entry("spring.kafka.bootstrap-servers", KAFKA.bootstrapServers()),
                        Map.entry("legerible.cassandra.contact-points", CASSANDRA.contactPoint()),
                        Map.entry("legerible.cassandra.keyspace", CASSANDRA_KEYSPACE),
                        Map.entry("legerible.catalogue", "none"),
                        Map.entry("spring.jmx.enabled", "false"))))) {
      int replicaPort = ((WebServerApplicationContext) replica).getWebServer().getPort();
      HttpResponse<String> profile =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaPort + "/profile"))
                      .header("Cookie", cookie)
                      .header("Accept", "text/html")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(profile.statusCode()).isEqualTo(200);
      assertThat(profile.body()).contains("id=\"profile-username\">nadia<");
    }
  }

  /** Command-line arguments: they outrank application.yml, as the environment does. */
  private static String[] arguments(Map<String, String> properties) {
    return properties.entrySet().stream()
        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
        .toArray(String[]::new);
  }
}
