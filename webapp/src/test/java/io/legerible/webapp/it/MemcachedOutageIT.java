package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemcachedOutageIT extends WebsiteIntegrationTest {

  @Test
  void bookDetailsAreServedFromMemcachedUntilTheyExpire() {
    awaitMemcachedAnswers();
    long bookId = Books.insert(jdbc, "Cached Original Title", "Cache Author", 1);
    WebSession visitor = visitor();
    assertThat(visitor.get("/books/" + bookId).body()).contains("Cached Original Title");
    jdbc.sql("UPDATE books SET title = 'Changed Behind The Cache' WHERE id = :id")
        .param("id", bookId)
        .update();
    assertThat(visitor().get("/books/" + bookId).body())
        .as("a second visitor gets the cached record")
        .contains("Cached Original Title");
  }

  @Test
  void pagesStillWorkWhenMemcachedIsDownAndTheStatusPageSaysSo() {
    long bookId = Books.freeBook(jdbc, 2);
    MEMCACHED.stop();
    try {
      WebSession visitor = visitor();
      for (String path :
          List.of(
              "/", "/books", "/books?q=harry", "/books?page=3&sort=newest", "/books/" + bookId)) {
        assertThat(visitor.get(path).statusCode()).as("GET %s", path).isEqualTo(200);
      }
      WebSession susi = member("susi");
      HttpResponse302.assertRedirect(
          susi.submit("/books/" + bookId, "/books/" + bookId + "/loan", Map.of()));
      assertThat(susi.browse("/books/" + bookId).body()).contains("The book is yours");
      assertThat(susi.get("/profile").body()).contains("id=\"current-loans\"");
      assertThat(visitor.get("/status").body()).contains("id=\"service-memcached\" class=\"down\"");
    } finally {
      MEMCACHED.start();
    }
    awaitMemcachedAnswers();
  }

  private void awaitMemcachedAnswers() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(visitor().get("/status").body())
                    .contains("id=\"service-memcached\" class=\"up\""));
  }
}
