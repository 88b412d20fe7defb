package io.legerible.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

class ChromiumIT {

  @Test
  void loadsAPageServedByTheTestAndReadsItsTitle() throws IOException {
    String title = "Legerible " + UUID.randomUUID();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] page =
              ("<!doctype html><html><head><title>"
                      + title
                      + "</title></head><body><h1 id='greeting'>Welcome to the library</h1>"
                      + "<script>document.getElementById('greeting').dataset.rendered = 'yes';"
                      + "</script></body></html>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
          }
        });
    server.start();
    ChromeDriver driver = Chromium.newDriver();
    try {
      driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");

      assertThat(driver.getTitle()).isEqualTo(title);
      assertThat(driver.findElement(By.id("greeting")).getText())
          .isEqualTo("Welcome to the library");
      assertThat(driver.findElement(By.id("greeting")).getDomAttribute("data-rendered"))
          .isEqualTo("yes");
    } finally {
      driver.quit();
      server.stop(0);
    }
  }
}
