package io.legerible.testkit.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and stops cluster processes a test JVM left behind when it was killed (SIGKILL, a build
 * timeout): shutdown hooks never ran, so they would hold memory and ports until the machine stops.
 */
final class OrphanedProcesses {

  private static final System.Logger LOG = System.getLogger(OrphanedProcesses.class.getName());

  private OrphanedProcesses() {}

  /**
   * Stops every process whose command line matches {@code ownedBy} when the JVM whose pid the
   * pattern's first group captures is gone. The full command line is read from /proc, since the JDK
   * reports the resolved executable instead of the path a process was started with.
   */
  static void stop(Pattern ownedBy) {
    ProcessHandle.allProcesses()
        .forEach(
            process -> {
              Optional<String> commandLine = commandLine(process.pid());
              if (commandLine.isEmpty()) {
                return;
              }
              Matcher owner = ownedBy.matcher(commandLine.get());
              if (owner.find() && !isAlive(Long.parseLong(owner.group(1)))) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "Stopping process {0}, left running by test JVM {1} that is gone: {2}",
                    Long.toString(process.pid()),
                    owner.group(1),
                    commandLine.get());
                process.destroyForcibly();
              }
            });
  }

  private static Optional<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
    } catch (IOException e) {
      // The process ended meanwhile, or belongs to another user: not ours either way.
      return Optional.empty();
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
