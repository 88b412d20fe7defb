package io.legerible.webapp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.testkit.browser.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

class BrowserIT extends WebsiteIntegrationTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Test
  void aMemberSignsInSearchesLoansSeesTheLoanReturnsItAndSignsOut() throws IOException {
    long bookId = Books.freeBook(jdbc, 1);
    String title = Books.title(jdbc, bookId);
    String isbn =
        jdbc.sql("SELECT isbn13 FROM books WHERE id = :id")
            .param("id", bookId)
            .query(String.class)
            .single();
    String base = "http://127.0.0.1:" + port;
    ChromeDriver browser = Chromium.newDriver();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
      browser.get(base + "/");

      browser.findElement(By.id("sign-in")).click();
      browser.findElement(By.id("username")).sendKeys("nadia");
      browser.findElement(By.id("password")).sendKeys(DEMO_PASSWORD);
      browser.findElement(By.id("login-submit")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), "nadia"));

      browser.findElement(By.id("menu-books")).click();
      WebElement search = browser.findElement(By.name("q"));
      search.sendKeys(isbn);
      search.submit();
      // The unfiltered list has a books table too: wait for the result, not for any table.
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("books"), title));
      screenshot(browser, "catalogue");

      browser.findElement(By.cssSelector("#books a.book-link")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("loan-button"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
      assertThat(browser.findElement(By.id("outcome")).getText()).contains("The book is yours");
      assertThat(browser.findElement(By.id("availability")).getText()).startsWith("0 of 1");

      browser.findElement(By.id("menu-profile")).click();
      WebElement currentLoans =
          wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-loans")));
      assertThat(currentLoans.getText()).contains(title);
      screenshot(browser, "profile");

      browser.findElement(By.id("menu-loans")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("loans")));
      assertThat(browser.findElement(By.id("loans")).getText()).contains(title);

      browser.findElement(By.id("menu-profile")).click();
      browser
          .findElement(
              By.xpath(
                  "//table[@id='current-loans']//tr[td/a[@href='/books/"
                      + bookId
                      + "']]//button[contains(@class,'return-button')]"))
          .click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
      assertThat(browser.findElement(By.id("outcome")).getText()).contains("has been returned");
      assertThat(browser.findElement(By.id("past-loans")).getText()).contains(title);

      browser.findElement(By.id("sign-out")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
      assertThat(browser.getPageSource()).contains("You have been signed out");

      // What the stream job would have written by now, so the home page shows its ranking and
      // trend.
      writeRankingFromLoans();
      writeLoanTrend();
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(
              driver -> {
                driver.get(base + "/");
                return !driver.findElements(By.id("top-ten")).isEmpty()
                    && !driver.findElements(By.id("trend")).isEmpty();
              });
      screenshot(browser, "home");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aLibrarianRunsTheLoanSimulationAndWatchesItsProgress() throws IOException {
    String base = "http://127.0.0.1:" + port;
    ChromeDriver browser = Chromium.newDriver();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(base + "/login");
      browser.findElement(By.id("username")).sendKeys("librarian");
      browser.findElement(By.id("password")).sendKeys(LIBRARIAN_PASSWORD);
      browser.findElement(By.id("login-submit")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("menu-desk"))).click();

      WebElement count =
          wait.until(ExpectedConditions.presenceOfElementLocated(By.id("random-count")));
      count.clear();
      count.sendKeys("6");
      browser.findElement(By.cssSelector("#random-loans button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("random-done")));
      assertThat(browser.findElement(By.id("random-done")).getText())
          .isEqualTo("6 random books were loaned.");
      screenshot(browser, "desk");
    } finally {
      browser.quit();
    }
  }

  private static void screenshot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
