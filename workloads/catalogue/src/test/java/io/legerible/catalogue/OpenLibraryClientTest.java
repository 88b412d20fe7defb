package io.legerible.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The real HTTP client against a stub of Open Library's Books API on loopback. */
class OpenLibraryClientTest {

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{}";

  @BeforeEach
  void startStub() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/books",
        exchange -> {
          requests.add(exchange.getRequestURI().toString());
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  @Test
  void knownIsbnGivesTitleAuthorsAndYear() {
    body =
        """
        {"ISBN:9780140328721": {"title": "Fantastic Mr Fox",
          "authors": [{"url": "x", "name": "Roald Dahl"}, {"name": "Quentin Blake"}],
          "publish_date": "October 1, 1988"}}
        """;

    assertThat(client().find("9780140328721"))
        .hasValue(
            new BookMetadata(
                "9780140328721", "Fantastic Mr Fox", "Roald Dahl, Quentin Blake", 1988, null));
    assertThat(requests)
        .singleElement()
        .asString()
        .contains("bibkeys=ISBN:9780140328721")
        .contains("jscmd=data");
  }

  @Test
  void unknownIsbnIsEmpty() {
    body = "{}";
    assertThat(client().find("9780000000002")).isEmpty();
  }

  @Test
  void serverErrorAndUnreachableServiceAreUnavailableNotUnknown() {
    status = 503;
    body = "";
    assertThatThrownBy(() -> client().find("9780000000002"))
        .isInstanceOf(OpenLibraryUnavailableException.class)
        .hasMessageContaining("HTTP 503");
    int port = server.getAddress().getPort();
    server.stop(0);
    OpenLibraryClient closed =
        new OpenLibraryClient(
            URI.create("http://127.0.0.1:" + port),
            Duration.ofSeconds(2),
            JsonMapper.builder().build());
    assertThatThrownBy(() -> closed.find("9780000000002"))
        .isInstanceOf(OpenLibraryUnavailableException.class)
        .hasMessageContaining("did not answer");
  }

  private OpenLibraryClient client() {
    return new OpenLibraryClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(5),
        JsonMapper.builder().build());
  }
}
