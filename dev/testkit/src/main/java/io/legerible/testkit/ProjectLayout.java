package io.legerible.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root, its dev/ commands and the directory provisioned tools live in. */
public final class ProjectLayout {

  /** System property surefire and failsafe set to the repository root. */
  public static final String ROOT_PROPERTY = "legerible.project.root";

  private ProjectLayout() {}

  /**
   * The repository root: the {@value #ROOT_PROPERTY} system property, else the nearest directory
   * above the working directory that holds {@code .mvn}.
   */
  public static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".mvn"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the Legerible repository root above "
            + start
            + ": run the tests from inside the repository or set -D"
            + ROOT_PROPERTY
            + "=<path>");
  }

  /** A file under {@code dev/}, e.g. {@code devPath("services/postgres")}. */
  public static Path devPath(String relative) {
    return root().resolve("dev").resolve(relative);
  }

  /**
   * Where dev/ provisioning puts binaries and jars: {@code $LEGERIBLE_TOOLS}, else ~/.legerible.
   */
  public static Path tools() {
    String configured = System.getenv("LEGERIBLE_TOOLS");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".legerible");
  }
}
