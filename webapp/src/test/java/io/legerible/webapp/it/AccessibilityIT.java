package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.browser.AxeCore;
import io.legerible.testkit.browser.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page, as a visitor, a member and a librarian sees it, passes axe-core in Chromium without a
 * serious or critical violation. The findings of each page are written to {@code
 * target/accessibility/axe-report.md}.
 */
class AccessibilityIT extends WebsiteIntegrationTest {

  private static final Path REPORT = Path.of("target", "accessibility", "axe-report.md");

  @Test
  void everyPagePassesAxeCoreForVisitorsMembersAndLibrarians() throws IOException {
    writeRankingFromLoans();
    writeLoanTrend();
    long bookId = Books.freeBook(jdbc, 2);
    // The member's profile and loans list show their tables and return buttons.
    jdbc.sql(
            "INSERT INTO loans (member_id, book_id, loaned_at)"
                + " VALUES (:member, :book, now() - interval '1 day')")
        .param("member", memberId("nadia"))
        .param("book", Books.freeBook(jdbc, 3))
        .update();
    Map<String, List<String>> pagesByRole =
        Map.of(
            "visitor",
            List.of(
                "/",
                "/books",
                "/books?q=harry&sort=newest",
                "/books/" + bookId,
                "/login",
                "/login?error",
                "/login?throttled",
                "/status",
                "/books/987654321"),
            "member",
            List.of("/", "/books", "/books/" + bookId, "/profile", "/loans"),
            "librarian",
            List.of("/", "/desk", "/desk/loans", "/books/" + bookId, "/status"));
    List<String> report = new ArrayList<>();
    report.add("| role | page | rules passed | violations (impact id) |");
    report.add("| --- | --- | --- | --- |");
    List<String> serious = new ArrayList<>();
    for (String role : List.of("visitor", "member", "librarian")) {
      ChromeDriver browser = Chromium.newDriver();
      try {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        signIn(browser, role);
        for (String page : pagesByRole.get(role)) {
          browser.get(base() + page);
          new WebDriverWait(browser, Duration.ofSeconds(20))
              .until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
          AxeCore.Result result = AxeCore.check(browser);
          report.add(
              "| "
                  + role
                  + " | `"
                  + page
                  + "` | "
                  + result.passes()
                  + " | "
                  + (result.violations().isEmpty()
                      ? "none"
                      : String.join(
                          "; ",
                          result.violations().stream()
                              .map(v -> v.impact() + " " + v.id())
                              .toList()))
                  + " |");
          result.violations().stream()
              .filter(AxeCore.Violation::seriousOrCritical)
              .forEach(v -> serious.add(role + " " + page + ": " + v));
        }
      } finally {
        browser.quit();
      }
    }
    Files.createDirectories(REPORT.getParent());
    Files.write(REPORT, report);
    assertThat(serious).as("serious or critical axe-core violations").isEmpty();
  }

  private void signIn(ChromeDriver browser, String role) {
    if ("visitor".equals(role)) {
      return;
    }
    browser.get(base() + "/login");
    browser.findElement(By.id("username")).sendKeys("member".equals(role) ? "nadia" : "librarian");
    browser
        .findElement(By.id("password"))
        .sendKeys("member".equals(role) ? DEMO_PASSWORD : LIBRARIAN_PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }
}
