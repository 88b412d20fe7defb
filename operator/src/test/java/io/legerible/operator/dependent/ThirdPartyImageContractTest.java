package io.legerible.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ObjectStore;
import io.legerible.operator.api.PostgresBackup;
import io.legerible.operator.api.PostgresRestore;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.cassandra.CassandraStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaBrokerStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaStatefulSetDependentResource;
import io.legerible.operator.dependent.kafka.KafkaTopicsJobDependentResource;
import io.legerible.operator.dependent.memcached.MemcachedDeploymentDependentResource;
import io.legerible.operator.dependent.postgres.PasswordRotation;
import io.legerible.operator.dependent.postgres.PostgresBackupCronJobDependentResource;
import io.legerible.operator.dependent.postgres.PostgresStatefulSetDependentResource;
import io.legerible.operator.testing.Libraries;
import io.legerible.testkit.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's containers of third-party images use only what the image's contract table in
 * {@code dev/images/<image>/README.md} lists (environment variables, mount paths, commands the pod
 * runs, option arguments, user ids, ports), so the stand-ins the real-node tier builds, and the
 * upstream images they follow, run those pod specs unchanged.
 */
class ThirdPartyImageContractTest {

  static final Path IMAGES = ProjectLayout.root().resolve("dev/images");
  static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  static final Pattern KUBELET_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  static final Set<String> SHELLS = Set.of("sh", "/bin/sh", "bash", "/bin/bash");
  static final Set<String> SHELL_KEYWORDS =
      Set.of("do", "if", "then", "else", "elif", "!", "{", "(");
  // Also the POSIX shell's own builtins a script may test with: they need nothing from the image.
  static final Set<String> SHELL_SKIPPED =
      Set.of(
          "for", "done", "fi", "esac", "}", ")", "while", "[", "test", "set", "read", "echo",
          "printf", "exit");
  static final Pattern SUBSTITUTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=\"?\\$\\((.+)");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(ProjectLayout.root().resolve("crds/examples"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void thirdPartyContainersUseOnlyTheirImagesContract(String example) {
    List<String> violations = new ArrayList<>();
    pods(Libraries.example(example))
        .forEach((name, pod) -> violations.addAll(violations(example + " " + name, pod)));
    assertThat(violations).isEmpty();
  }

  @Test
  void everyBackingServiceDefaultImageHasAContractTable() {
    DefaultImages images = DefaultImages.BUILT_IN;
    for (String image :
        List.of(images.postgres(), images.memcached(), images.kafka(), images.cassandra())) {
      assertThat(readme(image)).as("dev/images README for %s", image).isPresent();
      assertThat(Contract.read(readme(image).orElseThrow()).items).isNotEmpty();
    }
  }

  @Test
  void aVariableAMountAndAProbeCommandOutsideTheContractAreReported() {
    PodSpec pod =
        new PostgresStatefulSetDependentResource()
            .build(Libraries.city(), Libraries.inputs())
            .getSpec()
            .getTemplate()
            .getSpec();
    Container postgres = pod.getContainers().get(0);
    postgres.getEnv().add(new EnvVar("POSTGRES_REPLICATION_MODE", "primary", null));
    postgres.getVolumeMounts().get(0).setMountPath("/bitnami/postgresql");
    postgres.getReadinessProbe().getExec().setCommand(List.of("pg_ctl", "status"));

    assertThat(violations("city", pod))
        .hasSize(3)
        .anySatisfy(v -> assertThat(v).contains("env POSTGRES_REPLICATION_MODE"))
        .anySatisfy(v -> assertThat(v).contains("path /bitnami/postgresql"))
        .anySatisfy(v -> assertThat(v).contains("command pg_ctl"))
        .allSatisfy(v -> assertThat(v).contains("dev/images/postgres/README.md"));
  }

  @Test
  void shellScriptsAreReadForTheCommandsTheyRun() {
    assertThat(
            shellCommands(
                "for topic in $TOPICS; do\n  /opt/kafka/bin/kafka-topics.sh --create \\\n"
                    + "    --topic \"$topic\"\ndone"))
        .containsExactly("/opt/kafka/bin/kafka-topics.sh");
    assertThat(shellCommands("nodetool info | grep -q 'Native Transport active: true'"))
        .containsExactly("nodetool", "grep");
    assertThat(
            shellCommands(
                "n=$(kafka-topics.sh --describe)\nn=${n#*Count: }\n# only grow\n"
                    + "if [ \"$n\" -lt 3 ]; then\n  kafka-configs.sh --alter\nfi"))
        .containsExactly("kafka-topics.sh", "kafka-configs.sh");
  }

  /** Every pod spec the operator renders for a third-party image, by object name. */
  static Map<String, PodSpec> pods(LegeribleLibrary library) {
    var inputs = Libraries.inputs();
    var spec = library.getSpec();
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    if (spec.postgres.managed != null) {
      var statefulSet = new PostgresStatefulSetDependentResource().build(library, inputs);
      pods.put(statefulSet.getMetadata().getName(), statefulSet.getSpec().getTemplate().getSpec());
      // What runs on the database's image only when asked for: backups, a restore, a rotation.
      LegeribleLibrary asked = Serialization.clone(library);
      asked.getSpec().postgres.managed.backup = new PostgresBackup();
      asked.getSpec().postgres.managed.restoreFrom =
          PostgresRestore.of("legerible-old-postgres-backups", "20261205T030000Z.dump");
      var restoring = new PostgresStatefulSetDependentResource().build(asked, inputs);
      pods.put(
          restoring.getMetadata().getName() + " (restoring)",
          restoring.getSpec().getTemplate().getSpec());
      var backup = new PostgresBackupCronJobDependentResource().build(asked, inputs);
      pods.put(
          backup.getMetadata().getName(),
          backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
      // Copied to an object store: the dump becomes an init container, a restore fetches first.
      LegeribleLibrary copied = Serialization.clone(asked);
      ObjectStore store = ObjectStore.of("http://minio:9000", "backups", "bucket-keys");
      copied.getSpec().postgres.managed.backup.objectStore = store;
      copied.getSpec().postgres.managed.restoreFrom =
          PostgresRestore.of(store, "20261205T030000Z.dump");
      var copying = new PostgresBackupCronJobDependentResource().build(copied, inputs);
      pods.put(
          copying.getMetadata().getName() + " (object store)",
          copying.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
      var fetching = new PostgresStatefulSetDependentResource().build(copied, inputs);
      pods.put(
          fetching.getMetadata().getName() + " (restoring from an object store)",
          fetching.getSpec().getTemplate().getSpec());
      var rotation = PasswordRotation.job(asked, "2026-12-05", inputs.images());
      pods.put(rotation.getMetadata().getName(), rotation.getSpec().getTemplate().getSpec());
    }
    if (spec.memcached.managed != null) {
      var deployment = new MemcachedDeploymentDependentResource().build(library, inputs);
      pods.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
    }
    if (spec.kafka.managed != null) {
      var statefulSet = new KafkaStatefulSetDependentResource().build(library, inputs);
      pods.put(statefulSet.getMetadata().getName(), statefulSet.getSpec().getTemplate().getSpec());
      var brokers = new KafkaBrokerStatefulSetDependentResource().build(library, inputs);
      pods.put(brokers.getMetadata().getName(), brokers.getSpec().getTemplate().getSpec());
    }
    var topics = new KafkaTopicsJobDependentResource().build(library, inputs);
    pods.put(topics.getMetadata().getName(), topics.getSpec().getTemplate().getSpec());
    if (spec.cassandra.managed != null) {
      var statefulSet = new CassandraStatefulSetDependentResource().build(library, inputs);
      pods.put(statefulSet.getMetadata().getName(), statefulSet.getSpec().getTemplate().getSpec());
    }
    return pods;
  }

  /** What {@code pod} uses of its third-party images that their contract tables do not list. */
  static List<String> violations(String where, PodSpec pod) {
    List<String> violations = new ArrayList<>();
    List<Container> containers = new ArrayList<>(pod.getContainers());
    if (pod.getInitContainers() != null) {
      containers.addAll(pod.getInitContainers());
    }
    for (Container container : containers) {
      Optional<Path> readme = readme(container.getImage());
      if (readme.isEmpty()) {
        continue;
      }
      Contract contract = Contract.read(readme.get());
      for (Use use : uses(pod, container)) {
        if (!contract.allows(use)) {
          violations.add(
              String.format(
                  "%s container %s (image %s) uses %s %s, which the contract table of %s does"
                      + " not list: implement it in the stand-in and add a row to that README",
                  where,
                  container.getName(),
                  container.getImage(),
                  use.kind(),
                  use.item(),
                  ProjectLayout.root().relativize(readme.get())));
        }
      }
    }
    return violations;
  }

  /** One thing a container relies on its image for. */
  record Use(String kind, String item) {}

  static Set<Use> uses(PodSpec pod, Container container) {
    Set<Use> uses = new LinkedHashSet<>();
    String ownScript =
        String.join(" ", container.getCommand()) + " " + String.join(" ", container.getArgs());
    Set<String> ownVariables = matches(VARIABLE, ownScript);
    Set<String> kubeletOnly = new LinkedHashSet<>();
    for (EnvVar env : container.getEnv()) {
      if (env.getValue() != null) {
        kubeletOnly.addAll(matches(KUBELET_REFERENCE, env.getValue()));
      }
    }
    for (EnvVar env : container.getEnv()) {
      // Variables the pod's own command reads, or that only feed $(NAME) expansion, are not the
      // image's.
      if (!ownVariables.contains(env.getName()) && !kubeletOnly.contains(env.getName())) {
        uses.add(new Use("env", env.getName()));
      }
    }
    container.getVolumeMounts().forEach(m -> uses.add(new Use("path", m.getMountPath())));
    // A shell's -c script may be the command's last word or the first argument.
    List<String> argv = new ArrayList<>(container.getCommand());
    if (!argv.isEmpty() && SHELLS.contains(argv.get(0))) {
      argv.addAll(container.getArgs());
    }
    commands(argv).forEach(c -> uses.add(new Use("command", c)));
    for (Probe probe :
        new Probe[] {
          container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe()
        }) {
      if (probe != null) {
        exec(probe.getExec()).forEach(c -> uses.add(new Use("command", c)));
      }
    }
    Lifecycle lifecycle = container.getLifecycle();
    if (lifecycle != null) {
      if (lifecycle.getPreStop() != null) {
        exec(lifecycle.getPreStop().getExec()).forEach(c -> uses.add(new Use("command", c)));
      }
      if (lifecycle.getPostStart() != null) {
        exec(lifecycle.getPostStart().getExec()).forEach(c -> uses.add(new Use("command", c)));
      }
    }
    // Arguments to the entrypoint: its option flags, or the command it is asked to run.
    List<String> args = container.getArgs();
    if (container.getCommand().isEmpty() && !args.isEmpty()) {
      if (args.get(0).startsWith("-")) {
        args.stream().filter(a -> a.startsWith("-")).forEach(a -> uses.add(new Use("arg", a)));
      } else {
        uses.add(new Use("arg", args.get(0)));
      }
    }
    container.getPorts().forEach(p -> uses.add(new Use("port", p.getContainerPort().toString())));
    if (container.getSecurityContext() != null
        && container.getSecurityContext().getRunAsUser() != null) {
      uses.add(new Use("user", container.getSecurityContext().getRunAsUser().toString()));
    } else if (pod.getSecurityContext() != null
        && pod.getSecurityContext().getRunAsUser() != null) {
      uses.add(new Use("user", pod.getSecurityContext().getRunAsUser().toString()));
    }
    return uses;
  }

  static List<String> exec(ExecAction exec) {
    return exec == null ? List.of() : commands(exec.getCommand());
  }

  /** The programs an argv runs: its first word, and what a shell's -c script runs. */
  static List<String> commands(List<String> argv) {
    List<String> commands = new ArrayList<>();
    if (argv == null || argv.isEmpty()) {
      return commands;
    }
    commands.add(argv.get(0));
    if (SHELLS.contains(argv.get(0))) {
      for (int i = 1; i < argv.size() - 1; i++) {
        if (argv.get(i).startsWith("-") && argv.get(i).contains("c")) {
          commands.addAll(shellCommands(argv.get(i + 1)));
          break;
        }
      }
    }
    return commands;
  }

  /** The first word of every simple command of a shell script (no quoting subtleties needed). */
  static List<String> shellCommands(String script) {
    List<String> commands = new ArrayList<>();
    String withoutComments = script.replaceAll("(?m)(^|\\s)#.*$", "$1");
    for (String part : withoutComments.replace("\\\n", " ").split("\\|\\||&&|[;|&\\n]")) {
      String[] words = part.strip().split("\\s+");
      int i = 0;
      while (i < words.length
          && (SHELL_KEYWORDS.contains(words[i]) || words[i].matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
        Matcher substituted = SUBSTITUTED.matcher(words[i]);
        if (substituted.matches()) {
          // NAME=$(command ...): the command runs in the image too.
          words[i] = substituted.group(1);
          break;
        }
        i++;
      }
      if (i < words.length && !words[i].isEmpty() && !SHELL_SKIPPED.contains(words[i])) {
        commands.add(words[i].replaceAll("^[\"']|[\"']$", ""));
      }
    }
    return commands;
  }

  /** dev/images/NAME/README.md for a third-party image NAME[:tag], if there is one. */
  static Optional<Path> readme(String image) {
    String repository = image.split("@")[0];
    int slash = repository.lastIndexOf('/');
    int colon = repository.lastIndexOf(':');
    if (colon > slash) {
      repository = repository.substring(0, colon);
    }
    if (repository.startsWith("legerible/")) {
      return Optional.empty();
    }
    Path readme = IMAGES.resolve(repository.substring(slash + 1)).resolve("README.md");
    return Files.isRegularFile(readme) ? Optional.of(readme) : Optional.empty();
  }

  static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** A README's contract table: kind to items (backticked in the Item column; `*` a wildcard). */
  record Contract(Map<String, List<Pattern>> items) {

    static Contract read(Path readme) {
      Map<String, List<Pattern>> items = new LinkedHashMap<>();
      try {
        for (String line : Files.readAllLines(readme)) {
          String[] cells = line.split("\\|");
          if (!line.startsWith("|") || cells.length < 3 || cells[1].strip().equals("Kind")) {
            continue;
          }
          for (String item : matches(BACKTICKED, cells[2])) {
            items
                .computeIfAbsent(cells[1].strip(), k -> new ArrayList<>())
                .add(Pattern.compile(Pattern.quote(item).replace("*", "\\E.*\\Q")));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Contract(items);
    }

    boolean allows(Use use) {
      return items.getOrDefault(use.kind(), List.of()).stream()
          .anyMatch(p -> p.matcher(use.item()).matches());
    }
  }
}
