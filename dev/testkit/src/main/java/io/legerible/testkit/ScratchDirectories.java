package io.legerible.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/** Temporary directories under the test JVM's {@code java.io.tmpdir}. */
public final class ScratchDirectories {

  private ScratchDirectories() {}

  /**
   * A new empty directory named {@code <prefix><random>}. It is world-traversable (755) so a server
   * that switches to its own OS user (PostgreSQL as root) can enter it.
   */
  public static Path create(String prefix) {
    return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
  }

  /**
   * Like {@link #create(String)}, but when a server will run as another OS user: under {@code
   * java.io.tmpdir} if every directory above it lets others in, else under /tmp (a checkout under
   * /root, mode 700, would lock that user out).
   */
  public static Path createForOtherUser(String prefix) {
    Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    return create(traversableByOthers(base) ? base : Path.of("/tmp"), prefix);
  }

  /**
   * Like {@link #create(String)}, but under /tmp: for a directory that will hold Unix sockets,
   * whose paths may not exceed 107 characters (a checkout's target directory can leave too little
   * room: the kubelet's sockets lie 35 characters below its directory).
   */
  public static Path createForSockets(String prefix) {
    return create(Path.of("/tmp"), prefix);
  }

  private static Path create(Path base, String prefix) {
    try {
      base = base.toAbsolutePath();
      Files.createDirectories(base);
      Path dir = Files.createTempDirectory(base, prefix);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for " + prefix, e);
    }
  }

  private static boolean traversableByOthers(Path dir) {
    try {
      for (Path each = dir; each != null; each = each.getParent()) {
        if (!Files.getPosixFilePermissions(each).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes {@code dir} and everything in it; a directory that is already gone is fine. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException e)
                throws IOException {
              Files.deleteIfExists(visited);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
