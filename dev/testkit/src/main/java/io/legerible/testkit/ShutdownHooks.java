package io.legerible.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes every registered resource when the JVM exits (also after a failed test or Ctrl-C), all at
 * once so slow servers stop in parallel.
 */
public final class ShutdownHooks {

  private static final long MAX_WAIT_MILLIS = 60_000;
  private static final Set<AutoCloseable> RESOURCES = new LinkedHashSet<>();
  private static boolean installed;

  private ShutdownHooks() {}

  /** Closes {@code resource} at JVM exit unless it was {@linkplain #unregister unregistered}. */
  public static synchronized void register(AutoCloseable resource) {
    if (!installed) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ShutdownHooks::closeAll, "legerible-testkit-shutdown"));
      installed = true;
    }
    RESOURCES.add(resource);
  }

  /** Forgets {@code resource}, typically because it was closed already. */
  public static synchronized void unregister(AutoCloseable resource) {
    RESOURCES.remove(resource);
  }

  private static void closeAll() {
    List<AutoCloseable> resources;
    synchronized (ShutdownHooks.class) {
      resources = new ArrayList<>(RESOURCES);
      RESOURCES.clear();
    }
    List<Thread> closers = new ArrayList<>();
    for (AutoCloseable resource : resources) {
      Thread closer =
          new Thread(
              () -> {
                try {
                  resource.close();
                } catch (Exception e) {
                  System.err.println("Could not close " + resource + " at JVM exit: " + e);
                }
              },
              "legerible-testkit-close");
      closer.start();
      closers.add(closer);
    }
    long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
    for (Thread closer : closers) {
      try {
        closer.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
