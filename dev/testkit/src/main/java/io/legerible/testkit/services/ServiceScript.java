package io.legerible.testkit.services;

import io.legerible.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** The dev/services start scripts: the one way both tests and the local platform run servers. */
final class ServiceScript {

  private ServiceScript() {}

  /** The path of {@code dev/services/<name>}, checked to be executable. */
  static String path(String name) {
    Path script = ProjectLayout.devPath("services/" + name);
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "Start script " + script + " is missing or not executable: is the checkout complete?");
    }
    return script.toString();
  }
}
