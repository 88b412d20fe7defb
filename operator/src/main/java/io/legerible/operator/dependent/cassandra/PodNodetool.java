package io.legerible.operator.dependent.cassandra;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * nodetool run in the Cassandra container of a pod through the API server's exec (JMX listens on
 * the pod's loopback only, as the image ships it).
 */
public record PodNodetool(KubernetesClient client, String namespace)
    implements CassandraRing.Nodetool {

  /** Starting a command in the background takes a moment. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static final String CONTAINER = "cassandra";

  @Override
  public String output(String pod, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add("nodetool");
    command.addAll(args);
    return run(pod, command, timeout);
  }

  @Override
  public void start(String pod, List<String> args) {
    // In the background, its output in the container's own log: a decommission outlasts any
    // reasonable exec, and the server carries on with it even if nodetool ends.
    run(
        pod,
        List.of("sh", "-c", "nodetool " + String.join(" ", args) + " >/proc/1/fd/1 2>&1 &"),
        START_TIMEOUT);
  }

  private String run(String pod, List<String> command, Duration timeout) {
    ByteArrayOutputStream error = new ByteArrayOutputStream();
    try (ExecWatch exec =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(CONTAINER)
            .redirectingOutput()
            .writingError(error)
            .exec(command.toArray(String[]::new))) {
      String output;
      try (InputStream out = exec.getOutput()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      int exit = exec.exitCode().get(timeout.toSeconds(), TimeUnit.SECONDS);
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " in "
                + pod
                + " exited with "
                + exit
                + ": "
                + error.toString(StandardCharsets.UTF_8).strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + String.join(" ", command) + " in " + pod, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          String.join(" ", command) + " in " + pod + " did not finish: " + e.getMessage(), e);
    }
  }
}
