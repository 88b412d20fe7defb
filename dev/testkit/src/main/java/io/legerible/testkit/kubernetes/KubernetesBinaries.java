package io.legerible.testkit.kubernetes;

import io.legerible.testkit.MissingDependencyException;
import io.legerible.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where {@code dev/setup-kubernetes} installs the Kubernetes, kwok and helm binaries the tiers run.
 */
public final class KubernetesBinaries {

  /** The Kubernetes version dev/setup-kubernetes builds; both tiers run exactly this version. */
  public static final String KUBERNETES_VERSION = "1.35.4";

  static final String SETUP_COMMAND = "dev/setup-kubernetes";

  private KubernetesBinaries() {}

  /**
   * The directory holding every binary: {@code <tools>/kubernetes/v<version>/bin}, see {@link
   * ProjectLayout#tools()}.
   */
  public static Path binDirectory() {
    return ProjectLayout.tools()
        .resolve("kubernetes")
        .resolve("v" + KUBERNETES_VERSION)
        .resolve("bin");
  }

  /** The binaries kube-api-test reads in offline mode: {@code <dir>/k8s/<version>-linux-amd64}. */
  static Path kubeApiTestBinaries() {
    String dir = System.getenv("KUBE_API_TEST_DIR");
    Path root =
        dir == null || dir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".kubeapitest")
            : Path.of(dir);
    return root.resolve("k8s").resolve(KUBERNETES_VERSION + "-linux-amd64");
  }

  /** Resolves a binary of {@link #binDirectory()}, failing with the setup command when missing. */
  static Path require(String name) {
    return requireIn(binDirectory(), name).get(0);
  }

  /** Checks that every named binary is an executable file in {@code dir}. */
  static List<Path> requireIn(Path dir, String... names) {
    List<Path> paths = Arrays.stream(names).map(dir::resolve).collect(Collectors.toList());
    List<String> missing =
        paths.stream()
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new MissingDependencyException(
          "Kubernetes "
              + KUBERNETES_VERSION
              + " binaries are missing ("
              + String.join(", ", missing)
              + "): run "
              + SETUP_COMMAND
              + " to build and install them");
    }
    return paths;
  }
}
