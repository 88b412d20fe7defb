package io.legerible.sparksubmitter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * Submits a {@link SubmissionPlan} with spark-launcher, reports each application state on {@code
 * out} and tells how the application ended. A local driver is a child process: {@link #stop()} ends
 * it with SIGTERM, which {@link SparkAppHandle#stop()} does not do for a streaming job.
 */
public final class SparkJobSubmitter {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration SETTLE_GRACE = Duration.ofMillis(500);
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final SubmissionPlan plan;
  private final Path workDir;
  private final PrintStream out;
  private final CompletableFuture<SparkAppHandle.State> ended = new CompletableFuture<>();
  private volatile SparkAppHandle handle;
  private volatile SparkAppHandle.State lastReported;
  private volatile ProcessHandle child;

  /** A submitter of {@code plan} keeping its scratch files under {@code workDir}. */
  public SparkJobSubmitter(SubmissionPlan plan, Path workDir, PrintStream out) {
    this.plan = plan;
    this.workDir = workDir;
    this.out = out;
  }

  /** Starts the application; returns as soon as spark-submit runs. */
  public SparkJobSubmitter start() {
    Path sparkHome = SyntheticSparkHome.create(workDir);
    SparkLauncher launcher =
        new SparkLauncher(plan.environment())
            .setSparkHome(sparkHome.toString())
            .setJavaHome(System.getProperty("java.home"))
            .setMaster(plan.master())
            .setDeployMode(plan.deployMode())
            .setAppResource(plan.appResource())
            .setMainClass(plan.job().mainClass())
            .setAppName(plan.conf().getOrDefault("spark.app.name", plan.job().commandName()))
            .redirectOutput(Redirect.INHERIT)
            .redirectError(Redirect.INHERIT);
    plan.conf().forEach(launcher::setConf);
    plan.podTemplates()
        .forEach(
            (role, yaml) ->
                launcher.setConf(
                    "spark.kubernetes." + role + ".podTemplateFile",
                    write(sparkHome.resolve(role + "-pod-template.yaml"), yaml)));
    launcher.addAppArgs(plan.appArgs().toArray(String[]::new));
    Set<Long> before = childPids();
    try {
      if (plan.local()) {
        handle =
            launcher.startApplication(
                new SparkAppHandle.Listener() {
                  @Override
                  public void stateChanged(SparkAppHandle changed) {
                    report(changed.getState(), changed.getAppId());
                  }

                  @Override
                  public void infoChanged(SparkAppHandle changed) {
                    report(changed.getState(), changed.getAppId());
                  }
                });
        child = newChild(before);
        child.onExit().thenRun(this::settleLocalEnd);
      } else {
        // spark-submit waits for the driver pod and exits with its outcome; the driver pod runs
        // elsewhere, so the launcher's state channel is not available.
        Process process = launcher.launch();
        child = process.toHandle();
        report(SparkAppHandle.State.SUBMITTED, null);
        process
            .onExit()
            .thenAccept(
                exited -> {
                  SparkAppHandle.State state =
                      exited.exitValue() == 0
                          ? SparkAppHandle.State.FINISHED
                          : SparkAppHandle.State.FAILED;
                  report(state, null);
                  ended.complete(state);
                });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start spark-submit: " + e.getMessage(), e);
    }
    return this;
  }

  /** Blocks until the application reaches a final state and returns it. */
  public SparkAppHandle.State awaitEnd() throws InterruptedException {
    try {
      return ended.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Waits at most {@code timeout} for a final state. */
  public SparkAppHandle.State awaitEnd(Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The spark-submit process this submitter started (locally, the driver). */
  ProcessHandle process() {
    return child;
  }

  /** The state last reported. */
  public SparkAppHandle.State state() {
    SparkAppHandle.State reported = lastReported;
    return reported == null ? SparkAppHandle.State.UNKNOWN : reported;
  }

  /**
   * Stops the application: spark-submit (locally: the driver) gets SIGTERM, then SIGKILL after a
   * grace period. On Kubernetes, spark-submit ending does not delete the driver pod; its owner
   * does.
   */
  public void stop() {
    ProcessHandle process = child;
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(0, process);
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle each : tree) {
      try {
        each.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        each.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        each.destroyForcibly();
      }
    }
  }

  /**
   * The launcher corrects a reported FINISHED to FAILED when the driver exits non-zero, and turns a
   * state that never became final into LOST, right after the child exits: take the state once it
   * has done so.
   */
  private void settleLocalEnd() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    try {
      Thread.sleep(SETTLE_GRACE.toMillis());
      while (!handle.getState().isFinal() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    SparkAppHandle.State state = handle.getState();
    SparkAppHandle.State end = state.isFinal() ? state : SparkAppHandle.State.LOST;
    report(end, handle.getAppId());
    ended.complete(end);
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static ProcessHandle newChild(Set<Long> before) {
    return ProcessHandle.current()
        .children()
        .filter(process -> !before.contains(process.pid()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("spark-submit did not start"));
  }

  private synchronized void report(SparkAppHandle.State state, String appId) {
    if (state != lastReported) {
      lastReported = state;
      out.println(
          "legerible-submitter: "
              + plan.job().commandName()
              + " "
              + state
              + (appId == null ? "" : " (application " + appId + ")"));
      out.flush();
    }
  }

  private static String write(Path file, String yaml) {
    try {
      Files.writeString(file, yaml);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plan being run. */
  public SubmissionPlan plan() {
    return plan;
  }
}
