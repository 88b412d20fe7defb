package io.legerible.webapp.cache;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.utils.AddrUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared caches in memcached (xmemcached behind Spring's cache abstraction). */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfiguration {

  /** Where memcached runs and how long each cache keeps its entries. */
  @ConfigurationProperties("legerible.memcached")
  record MemcachedProperties(
      String servers,
      Duration operationTimeout,
      Duration defaultTtl,
      Duration namespaceRefresh,
      Map<String, Duration> ttl) {}

  @Bean(destroyMethod = "shutdown")
  MemcachedClient memcachedClient(MemcachedProperties properties) throws IOException {
    XMemcachedClientBuilder builder =
        new XMemcachedClientBuilder(AddrUtil.getAddresses(properties.servers().replace(',', ' ')));
    builder.setOpTimeout(properties.operationTimeout().toMillis());
    builder.setConnectTimeout(properties.operationTimeout().toMillis());
    builder.setConnectionPoolSize(2);
    builder.setFailureMode(false);
    builder.setEnableHealSession(true);
    builder.setHealSessionInterval(2000);
    return builder.build();
  }

  @Bean
  MemcachedAvailability memcachedAvailability() {
    return new MemcachedAvailability();
  }

  @Bean
  CacheManager cacheManager(
      MemcachedClient client, MemcachedProperties properties, MemcachedAvailability availability) {
    var settings =
        new MemcachedCacheManager.CacheSettings(
            properties.ttl() == null ? Map.of() : properties.ttl(),
            properties.defaultTtl(),
            properties.namespaceRefresh());
    // Evictions wait for the surrounding transaction to commit, so no reader re-caches old data.
    return new TransactionAwareCacheManagerProxy(
        new MemcachedCacheManager(client, settings, availability));
  }
}
