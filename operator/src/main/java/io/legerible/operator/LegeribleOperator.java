package io.legerible.operator;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.config.OperatorSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's main: reconciles LegeribleLibrary resources until the process is stopped. */
public final class LegeribleOperator {

  private static final Logger LOG = LoggerFactory.getLogger(LegeribleOperator.class);

  private LegeribleOperator() {}

  /** Starts the operator with settings from the environment. */
  public static void main(String[] args) {
    OperatorSettings settings = OperatorSettings.from(System.getenv());
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var client = new KubernetesClientBuilder().build();
    var operator = LibraryOperator.create(client, settings, registry);
    var http = OperatorHttpServer.start(settings.httpPort(), operator, registry);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.stop();
                  http.close();
                  client.close();
                },
                "legerible-operator-shutdown"));
    LOG.info(
        "Watching {} with images {}; health and metrics on port {}",
        settings.watchesAllNamespaces() ? "all namespaces" : settings.namespaces(),
        DefaultImages.fromEnvironment(),
        http.port());
    operator.start();
  }
}
