package io.legerible.sparksubmitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A SPARK_HOME made of two small scripts, an empty {@code jars/} and a {@code RELEASE} marker:
 * spark-launcher needs {@code bin/spark-submit}, and Spark's own jars are already on this process's
 * classpath, which the scripts hand on through {@code SPARK_DIST_CLASSPATH}. No Spark distribution
 * has to be installed.
 */
public final class SyntheticSparkHome {

  private SyntheticSparkHome() {}

  /** Creates the layout in a new directory under {@code parent}. */
  public static Path create(Path parent) {
    try {
      Files.createDirectories(parent);
      Path home = Files.createTempDirectory(parent, "spark-home-");
      Files.createDirectories(home.resolve("jars"));
      Files.createDirectories(home.resolve("conf"));
      Files.writeString(
          home.resolve("RELEASE"), "Spark from the Legerible submitter's classpath\n");
      for (String script : new String[] {"spark-submit", "spark-class"}) {
        Path target = home.resolve("bin").resolve(script);
        Files.createDirectories(target.getParent());
        try (InputStream in = SyntheticSparkHome.class.getResourceAsStream(script)) {
          if (in == null) {
            throw new IllegalStateException(script + " is missing from the submitter's jar");
          }
          Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a Spark home under " + parent, e);
    }
  }
}
