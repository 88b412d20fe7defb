package io.legerible.operator.dependent.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.contracts.PlatformEnvironment;
import io.legerible.operator.api.Catalogue;
import io.legerible.operator.api.IngressSpec;
import io.legerible.operator.testing.Libraries;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebappDependentsTest {

  @Test
  void deploymentServesOnPort8080WithActuatorProbesAndEveryConnection() {
    var library = Libraries.city(spec -> spec.webapp.replicas = 4);
    var deployment =
        new WebappDeploymentDependentResource()
            .build(
                library,
                Libraries.inputs(
                    Map.of(
                        "legerible-city-webapp-demo-credentials", Map.of("password", "d1"),
                        "legerible-city-postgres-credentials", Map.of("password", "p1"))));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("legerible/webapp:0.1.0");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getEnvFrom())
        .extracting(e -> e.getConfigMapRef().getName())
        .containsExactly("legerible-city-platform", "legerible-city-webapp-config");
    assertThat(container.getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo(PlatformEnvironment.DEMO_MEMBER_PASSWORD);
              assertThat(env.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("legerible-city-webapp-demo-credentials");
            });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKeys(
            "legerible.io/hash-platform",
            "legerible.io/hash-webapp-config",
            "legerible.io/hash-webapp-demo-credentials",
            "legerible.io/hash-postgres-credentials");
  }

  @Test
  void configMapCarriesTheCatalogueAndTheFeedRate() {
    var library =
        Libraries.city(
            spec -> {
              spec.catalogue = Catalogue.DEMO;
              spec.bookFeed.enabled = false;
            });
    var configMap = new WebappConfigMapDependentResource().build(library, Libraries.inputs());
    assertThat(configMap.getData())
        .containsEntry(PlatformEnvironment.CATALOGUE, "demo")
        .containsEntry(PlatformEnvironment.FEED_RATE_PER_SECOND, "0")
        .containsEntry("SERVER_PORT", "8080");
  }

  @Test
  void ingressRoutesTheHostToTheWebappService() {
    var library =
        Libraries.city(
            spec -> {
              spec.webapp.ingress = new IngressSpec();
              spec.webapp.ingress.host = "library.example.org";
              spec.webapp.ingress.className = "nginx";
              spec.webapp.ingress.tlsSecret = "library-tls";
            });
    var ingress = new WebappIngressDependentResource().build(library, Libraries.inputs());
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    var rule = ingress.getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("library.example.org");
    assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName())
        .isEqualTo("legerible-city-webapp");
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("library-tls");
    var service = new WebappServiceDependentResource().build(library, Libraries.inputs());
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
  }

  @Test
  void demoCredentialsHoldTheMembersAndTheLibrariansPasswords() {
    var secret = DemoCredentialsDependentResource.build(Libraries.city(), "pw", "librarian-pw");
    assertThat(secret.getMetadata().getName()).isEqualTo("legerible-city-webapp-demo-credentials");
    assertThat(secret.getStringData())
        .containsOnly(Map.entry("password", "pw"), Map.entry("librarian-password", "librarian-pw"));
  }
}
