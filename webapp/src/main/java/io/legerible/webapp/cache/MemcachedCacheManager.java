package io.legerible.webapp.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.rubyeye.xmemcached.MemcachedClient;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/** Hands out one {@link MemcachedCache} per cache name, each with its configured time-to-live. */
public class MemcachedCacheManager implements CacheManager {

  private final MemcachedClient client;
  private final CacheSettings settings;
  private final MemcachedAvailability availability;
  private final Map<String, MemcachedCache> caches = new ConcurrentHashMap<>();

  public MemcachedCacheManager(
      MemcachedClient client, CacheSettings settings, MemcachedAvailability availability) {
    this.client = client;
    this.settings = settings;
    this.availability = availability;
  }

  @Override
  public Cache getCache(String name) {
    return caches.computeIfAbsent(
        name,
        cacheName ->
            new MemcachedCache(
                cacheName,
                client,
                settings.ttl().getOrDefault(cacheName, settings.defaultTtl()),
                settings.namespaceRefresh(),
                availability));
  }

  @Override
  public Collection<String> getCacheNames() {
    return caches.keySet();
  }

  /** Time-to-live per cache name; {@code defaultTtl} for the others. */
  public record CacheSettings(
      Map<String, Duration> ttl, Duration defaultTtl, Duration namespaceRefresh) {}
}
