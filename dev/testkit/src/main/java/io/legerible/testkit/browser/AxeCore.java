package io.legerible.testkit.browser;

import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility checker (the npm package dev/setup-services provisions), run inside
 * the page a browser test is looking at.
 */
public final class AxeCore {

  /** The axe-core version dev/setup-services fetches ({@code AXE_CORE_VERSION} in dev/lib). */
  public static final String VERSION = "4.14.1";

  private static final String RUN =
      "const done = arguments[arguments.length - 1];"
          + "axe.run(document, {resultTypes: ['violations']})"
          + ".then(r => done({passes: r.passes.length, violations: r.violations.map(v => ({"
          + "id: v.id, impact: v.impact || 'unknown', help: v.help,"
          + "targets: v.nodes.map(n => n.target.join(' '))}))}))"
          + ".catch(e => done({error: String(e)}));";

  private static String script;

  private AxeCore() {}

  /** One rule the page breaks: its id, impact (minor to critical), what it asks and where. */
  public record Violation(String id, String impact, String help, List<String> targets) {

    /** Whether a person using assistive technology is blocked or badly hindered. */
    public boolean seriousOrCritical() {
      return "serious".equals(impact) || "critical".equals(impact);
    }

    @Override
    public String toString() {
      return impact + " " + id + " (" + help + ") at " + targets;
    }
  }

  /** What axe found on one page: how many rules passed and which were broken. */
  public record Result(long passes, List<Violation> violations) {}

  /** Where dev/setup-services puts {@code axe.min.js}. */
  public static Path scriptFile() {
    return ProjectLayout.tools().resolve("axe-core").resolve(VERSION).resolve("axe.min.js");
  }

  /** Runs every axe rule on the page the browser shows now. */
  @SuppressWarnings("unchecked")
  public static Result check(JavascriptExecutor browser) {
    if (Boolean.FALSE.equals(browser.executeScript("return typeof axe !== 'undefined';"))) {
      browser.executeScript(script());
    }
    Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript(RUN);
    if (result.containsKey("error")) {
      throw new IllegalStateException("axe-core failed in the page: " + result.get("error"));
    }
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
    return new Result(
        ((Number) result.get("passes")).longValue(),
        violations.stream()
            .map(
                v ->
                    new Violation(
                        (String) v.get("id"),
                        (String) v.get("impact"),
                        (String) v.get("help"),
                        (List<String>) v.get("targets")))
            .toList());
  }

  private static synchronized String script() {
    if (script == null) {
      Path file = scriptFile();
      if (!Files.isRegularFile(file)) {
        throw new MissingDependencyException(
            "axe-core " + VERSION + " (" + file + ") is not provisioned", "dev/setup-services");
      }
      try {
        script = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return script;
  }
}
