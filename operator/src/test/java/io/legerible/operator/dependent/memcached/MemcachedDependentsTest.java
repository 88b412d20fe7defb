package io.legerible.operator.dependent.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.operator.testing.Libraries;
import org.junit.jupiter.api.Test;

class MemcachedDependentsTest {

  @Test
  void deploymentRunsOneCacheServerWithTheMemoryOfTheSpec() {
    var library =
        Libraries.city(
            spec -> {
              spec.memcached.managed.memoryMegabytes = 256;
              spec.memcached.managed.image = "registry.example.org/memcached:1.6";
            });
    var deployment = new MemcachedDeploymentDependentResource().build(library, Libraries.inputs());
    assertThat(deployment.getMetadata().getName()).isEqualTo("legerible-city-memcached");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.org/memcached:1.6");
    assertThat(container.getArgs()).containsSequence("-m", "256");
    assertThat(container.getReadinessProbe().getTcpSocket().getPort().getStrVal())
        .isEqualTo("memcached");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(11211L);
  }

  @Test
  void serviceSelectsTheMemcachedPods() {
    var service =
        new MemcachedServiceDependentResource().build(Libraries.city(), Libraries.inputs());
    assertThat(service.getSpec().getSelector())
        .containsEntry("app.kubernetes.io/component", "memcached");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(11211);
  }
}
