package io.legerible.sparksubmitter;

import org.apache.spark.launcher.SparkAppHandle;

/** How the submitter's exit code tells the way a job ended. */
public final class ExitCodes {

  /** The application finished successfully. */
  public static final int FINISHED = 0;

  /** The application failed. */
  public static final int FAILED = 1;

  /** The application was killed. */
  public static final int KILLED = 2;

  /** The application's state was lost (the launcher lost contact with it). */
  public static final int LOST = 3;

  /** Wrong command line. */
  public static final int USAGE = 64;

  /** Wrong or missing configuration. */
  public static final int CONFIGURATION = 78;

  private ExitCodes() {}

  /** The exit code for a final application state. */
  public static int of(SparkAppHandle.State state) {
    return switch (state) {
      case FINISHED -> FINISHED;
      case KILLED -> KILLED;
      case LOST -> LOST;
      default -> FAILED;
    };
  }
}
