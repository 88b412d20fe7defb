package io.legerible.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The library website as a member sees it in the browser, wherever it runs (dev/up or a real node):
 * signing in, finding and loaning books, the home page's top 10 and loan trend, the profile.
 */
final class LibraryWebsite {

  /**
   * A member may loan 20 books a minute (legerible.loans.max-per-minute): one per 3 s and a bit.
   */
  private static final Duration LOAN_SPACING = Duration.ofMillis(3_100);

  private final ChromeDriver browser;
  private final URI base;
  private final Path screenshots;
  private long lastLoanNanos = System.nanoTime() - LOAN_SPACING.toNanos();

  LibraryWebsite(ChromeDriver browser, URI base, Path screenshots) {
    this.browser = browser;
    this.base = base;
    this.screenshots = screenshots;
  }

  /** Signs {@code member} in; fails when the login page does not show or the website refuses. */
  void signIn(String member, String password) {
    browser.get(base.resolve("login").toString());
    assertThat(browser.findElements(By.id("login-form")))
        .as("the login page at %s: %s", browser.getCurrentUrl(), bodyText())
        .isNotEmpty();
    browser.findElement(By.id("username")).sendKeys(member);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
    // The click returns while the browser may still show the login page: wait for the outcome.
    await("the answer to the sign-in of " + member)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                browser.findElements(By.id("login-form")).isEmpty()
                    || !browser.findElements(By.id("login-error")).isEmpty());
    assertThat(browser.findElements(By.id("login-form")))
        .as("the sign-in of %s was refused (page %s)", member, browser.getCurrentUrl())
        .isEmpty();
  }

  /** Opens a book's page from a catalogue search for its title. */
  void openBook(String title) {
    browser.get(base.resolve("books?q=" + encode(title)).toString());
    browser.findElements(By.cssSelector("#books a.book-link")).stream()
        .filter(link -> link.getText().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("'" + title + "' is not in the catalogue"))
        .click();
  }

  /** Opens the page of the one book with this ISBN from a catalogue search; returns its title. */
  String openBookByIsbn(String isbn13) {
    browser.get(base.resolve("books?q=" + isbn13).toString());
    List<WebElement> links = browser.findElements(By.cssSelector("#books a.book-link"));
    assertThat(links).as("books with ISBN %s in the catalogue", isbn13).hasSize(1);
    String title = links.get(0).getText();
    links.get(0).click();
    return title;
  }

  /**
   * Waits until the member may loan again: call it before timing a loan, so the timing holds the
   * loan alone.
   */
  void waitUntilAnotherLoanIsAllowed() throws InterruptedException {
    long wait = lastLoanNanos + LOAN_SPACING.toNanos() - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Loans the open book and checks the page says so. */
  void loanOpenBook() {
    lastLoanNanos = System.nanoTime();
    browser.findElement(By.id("loan-button")).click();
    assertThat(outcome()).contains("The book is yours");
  }

  /** Returns the member's open loan of {@code title} from the profile. */
  void returnLoan(String title) {
    openProfile();
    browser.findElements(By.cssSelector("#current-loans tbody tr")).stream()
        .filter(row -> row.findElement(By.tagName("a")).getText().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no open loan of '" + title + "'"))
        .findElement(By.className("return-button"))
        .click();
    assertThat(outcome()).isNotBlank();
  }

  /**
   * The outcome the page shows after a form was sent: the click returns before the browser has
   * followed the redirect, so wait for the next page's notice.
   */
  private String outcome() {
    return await("the outcome on the next page")
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> browser.findElement(By.id("outcome")).getText(), text -> !text.isBlank());
  }

  /** Registers a member at the desk (the librarian signed in); fails when the desk refuses. */
  void registerMember(String username, String firstName, String lastName) {
    browser.get(base.resolve("desk").toString());
    browser.findElement(By.id("register-username")).sendKeys(username);
    browser.findElement(By.id("register-first-name")).sendKeys(firstName);
    browser.findElement(By.id("register-last-name")).sendKeys(lastName);
    browser.findElement(By.id("register-submit")).click();
    await("the desk's answer to registering " + username)
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () -> browser.findElement(By.tagName("body")).getText(),
            text -> text.contains("Library card issued for " + username));
  }

  /**
   * Makes up to {@code count} random loans at the desk, as its form's script does (one POST asking
   * for JSON); returns how many the desk made.
   */
  int simulateLoans(int count) {
    if (!browser.getCurrentUrl().endsWith("/desk")) {
      browser.get(base.resolve("desk").toString());
    }
    Object loaned =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const form = document.getElementById('random-loans');"
                + "const body = new URLSearchParams(new FormData(form));"
                + "body.set('count', arguments[0]);"
                + "fetch(form.action, {method: 'POST', body: body,"
                + " headers: {'Accept': 'application/json'}})"
                + ".then(r => r.ok ? r.json() : {loaned: -r.status})"
                + ".then(j => done(j.loaned), e => done(-1));",
            count);
    int made = ((Number) loaned).intValue();
    assertThat(made).as("the desk's answer to %d random loans", count).isNotNegative();
    return made;
  }

  /** The home page's top 10: title → loans shown. */
  Map<String, Long> topTen() {
    browser.get(base.toString());
    Map<String, Long> rows = new LinkedHashMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("#top-ten tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      rows.put(cells.get(1).getText(), Long.parseLong(cells.get(3).getText().strip()));
    }
    return rows;
  }

  /** Loans ever made, as the home page counts them (read after {@link #topTen}). */
  long totalLoansShown() {
    return Long.parseLong(browser.findElement(By.id("total-loans")).getText());
  }

  /** Loans in the home page's trend chart, summed over its periods; 0 when it shows none. */
  long loansInTrend() {
    browser.get(base.toString());
    return browser.findElements(By.cssSelector("#trend-table td.number")).stream()
        .mapToLong(cell -> Long.parseLong(cell.getAttribute("textContent").strip()))
        .sum();
  }

  /** Titles of the member's open loans, from the profile. */
  List<String> currentLoans() {
    openProfile();
    return browser.findElements(By.cssSelector("#current-loans a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Titles recommended on the member's profile. */
  List<String> recommendations() {
    openProfile();
    screenshotOf("profile-recommendations", By.id("recommendations"));
    return browser.findElements(By.cssSelector("#recommendations li a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private void openProfile() {
    browser.get(base.resolve("profile").toString());
    assertThat(browser.findElements(By.id("profile-heading")))
        .as("the member's profile at %s: %s", browser.getCurrentUrl(), bodyText())
        .isNotEmpty();
  }

  private String bodyText() {
    return browser.findElements(By.tagName("body")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse(browser.getPageSource());
  }

  /** Titles a catalogue search for {@code query} finds. */
  String catalogueSearch(String query) {
    browser.get(base.resolve("books?q=" + encode(query)).toString());
    return browser.findElement(By.id("books")).getText();
  }

  /** The page at {@code path} as the browser shows it (text of its body). */
  String pageText(String path) {
    browser.get(base.resolve(path).toString());
    return browser.findElement(By.tagName("body")).getText();
  }

  /** A screenshot with the element scrolled into view, if it is on the page. */
  void screenshotOf(String name, By element) {
    browser
        .findElements(element)
        .forEach(found -> browser.executeScript("arguments[0].scrollIntoView();", found));
    screenshot(name);
  }

  /** A screenshot of the page, kept under target/ for a human to look at. */
  void screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
