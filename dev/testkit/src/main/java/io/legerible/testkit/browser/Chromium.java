package io.legerible.testkit.browser;

import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ScratchDirectories;
import io.legerible.testkit.ShutdownHooks;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by Selenium, using Debian's chromium and chromedriver packages (never
 * Selenium Manager, which would try to download a browser).
 */
public final class Chromium {

  /** Debian's chromium binary. */
  public static final Path BROWSER = Path.of("/usr/bin/chromium");

  /** Debian's chromedriver binary (package chromium-driver). */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * A new headless browser with a fresh profile; {@code quit()} it when done (it is also quit at
   * JVM exit).
   */
  public static ChromeDriver newDriver() {
    requireExecutable(BROWSER, "Chromium");
    requireExecutable(DRIVER, "chromedriver");
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    Path profile = ScratchDirectories.create("chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    try {
      return new DisposableChromeDriver(service, options, profile);
    } catch (RuntimeException e) {
      ScratchDirectories.delete(profile);
      throw e;
    }
  }

  private static void requireExecutable(Path binary, String what) {
    if (!Files.isExecutable(binary)) {
      throw new MissingDependencyException(
          what + " (" + binary + ") is not installed", "dev/setup-packages");
    }
  }

  /** Deletes its profile directory on quit and is quit at JVM exit if a test forgot. */
  private static final class DisposableChromeDriver extends ChromeDriver {

    private final Path profile;
    private final AutoCloseable quitAtExit = this::quit;

    DisposableChromeDriver(ChromeDriverService service, ChromeOptions options, Path profile) {
      super(service, options);
      this.profile = profile;
      ShutdownHooks.register(quitAtExit);
    }

    @Override
    public void quit() {
      try {
        super.quit();
      } finally {
        ShutdownHooks.unregister(quitAtExit);
        ScratchDirectories.delete(profile);
      }
    }
  }
}
