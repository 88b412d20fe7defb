package io.legerible.testkit.services;

import io.legerible.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The dev/services start scripts: the one way both tests and the local platform run servers. */
final class ServiceScript {

  private ServiceScript() {}

  /**
   * The command line running {@code dev/services/<name>} with {@code arguments}, tied to this JVM:
   * the script stops the server when the JVM is gone, even after a SIGKILL.
   */
  static List<String> command(String name, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(path(name));
    command.addAll(List.of(arguments));
    command.add("--owner-pid");
    command.add(Long.toString(ProcessHandle.current().pid()));
    return command;
  }

  private static String path(String name) {
    Path script = ProjectLayout.devPath("services/" + name);
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "Start script " + script + " is missing or not executable: is the checkout complete?");
    }
    return script.toString();
  }
}
