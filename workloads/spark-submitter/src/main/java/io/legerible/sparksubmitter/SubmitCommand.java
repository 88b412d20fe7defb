package io.legerible.sparksubmitter;

import io.legerible.sparkjobs.platform.JobSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.SparkAppHandle;

/**
 * The command line: {@code submit <ranking-stream|recommendations> [--conf key=value]...
 * [--name=value]...}. Prints every application state and exits with {@link ExitCodes}.
 */
public final class SubmitCommand {

  private static final String USAGE =
      "usage: submit <ranking-stream|recommendations> [--conf spark.key=value]... [--name=value]...\n"
          + "  --name=value overrides the environment variable LEGERIBLE_NAME (dashes as _),\n"
          + "  e.g. --spark-master=local[2] or --ranking-trigger-seconds=1";

  private SubmitCommand() {}

  /** Runs the command and exits with the job's outcome. */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.getenv()));
  }

  /** Runs the command; returns the exit code. */
  static int run(String[] args, Map<String, String> environment) throws InterruptedException {
    List<String> arguments = new ArrayList<>(List.of(args));
    if (!arguments.isEmpty() && arguments.get(0).equals("submit")) {
      arguments.remove(0);
    }
    if (arguments.isEmpty() || arguments.get(0).startsWith("-")) {
      System.err.println(USAGE);
      System.err.println("legerible-submitter: name the job to submit");
      return ExitCodes.USAGE;
    }
    SubmissionPlan plan;
    try {
      SparkJob job = SparkJob.named(arguments.remove(0));
      Map<String, String> conf = new LinkedHashMap<>();
      List<String> options = new ArrayList<>();
      for (int i = 0; i < arguments.size(); i++) {
        if (arguments.get(i).equals("--conf") && i + 1 < arguments.size()) {
          String[] pair = arguments.get(++i).split("=", 2);
          if (pair.length != 2) {
            throw new IllegalArgumentException("--conf needs key=value, got " + arguments.get(i));
          }
          conf.put(pair[0], pair[1]);
        } else {
          options.add(arguments.get(i));
        }
      }
      JobSettings settings = JobSettings.from(environment, options.toArray(String[]::new));
      plan = SubmissionPlanner.plan(job, settings, conf, System.getProperty("java.class.path"));
    } catch (IllegalArgumentException e) {
      // The problem goes last: a failed run's last log line is the cause its library reports.
      System.err.println(USAGE);
      System.err.println("legerible-submitter: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    SparkJobSubmitter submitter =
        new SparkJobSubmitter(
            plan, Path.of(System.getProperty("java.io.tmpdir"), "legerible-submitter"), System.out);
    Thread stopper = new Thread(submitter::stop, "legerible-submitter-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    submitter.start();
    SparkAppHandle.State state = submitter.awaitEnd();
    Runtime.getRuntime().removeShutdownHook(stopper);
    return ExitCodes.of(state);
  }
}
