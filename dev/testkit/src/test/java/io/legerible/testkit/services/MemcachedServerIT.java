package io.legerible.testkit.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.junit.jupiter.api.Test;

class MemcachedServerIT {

  @Test
  void setGetAndExpiry() throws Exception {
    MemcachedClient client = connect(MemcachedServer.shared());
    try {
      client.set("book:1", 0, "Middlemarch");
      client.set("book:2", 1, "Persuasion");

      assertThat(client.<String>get("book:1")).isEqualTo("Middlemarch");
      assertThat(client.<String>get("book:2")).isEqualTo("Persuasion");
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> client.get("book:2") == null);
      assertThat(client.<String>get("book:1")).isEqualTo("Middlemarch");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void stoppedServerFailsClientsAndRestartServesAgain() throws Exception {
    MemcachedServer server = MemcachedServer.shared();
    MemcachedClient client = connect(server);
    try {
      client.set("before-stop", 0, "value");

      server.stop();
      try {
        assertThatThrownBy(() -> client.get("before-stop")).isInstanceOf(Exception.class);
      } finally {
        server.start();
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> client.set("after-restart", 0, "again"));
      assertThat(client.<String>get("after-restart")).isEqualTo("again");
    } finally {
      client.shutdown();
    }
  }

  private static MemcachedClient connect(MemcachedServer server) throws Exception {
    XMemcachedClientBuilder builder =
        new XMemcachedClientBuilder(AddrUtil.getAddresses(server.address()));
    builder.setConnectTimeout(2000);
    builder.setOpTimeout(2000);
    builder.setHealSessionInterval(200);
    return builder.build();
  }
}
