package io.legerible.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legerible.testkit.MissingDependencyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesBinariesTest {

  @Test
  void missingBinariesAreNamedWithTheSetupCommand(@TempDir Path dir) throws Exception {
    Path etcd = Files.createFile(dir.resolve("etcd"));
    Files.setPosixFilePermissions(etcd, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> KubernetesBinaries.requireIn(dir, "etcd", "kube-apiserver", "kubectl"))
        .isInstanceOf(MissingDependencyException.class)
        .hasMessageContaining(dir.resolve("kube-apiserver").toString())
        .hasMessageContaining(dir.resolve("kubectl").toString())
        .hasMessageNotContaining(etcd.toString() + ",")
        .hasMessageContaining("run dev/setup-kubernetes");
  }

  @Test
  void presentBinariesResolveInOrder(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"kwok", "kwokctl"}) {
      Files.setPosixFilePermissions(
          Files.createFile(dir.resolve(name)), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    assertThat(KubernetesBinaries.requireIn(dir, "kwokctl", "kwok"))
        .containsExactly(dir.resolve("kwokctl"), dir.resolve("kwok"));
  }

  @Test
  void aFileThatIsNotExecutableCountsAsMissing(@TempDir Path dir) throws Exception {
    Files.createFile(dir.resolve("helm"));

    assertThatThrownBy(() -> KubernetesBinaries.requireIn(dir, "helm"))
        .isInstanceOf(MissingDependencyException.class)
        .hasMessageContaining("helm");
  }
}
