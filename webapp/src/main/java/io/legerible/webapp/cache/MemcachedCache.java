package io.legerible.webapp.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * A Spring {@link org.springframework.cache.Cache} in memcached. Keys are hashed under a per-cache
 * namespace whose version {@link #clear()} increments, so clearing never flushes other caches or
 * other applications' data. When memcached does not answer, reads miss and writes are dropped: the
 * page is computed from the database instead.
 */
public class MemcachedCache extends AbstractValueAdaptingCache {

  private static final Logger log = LoggerFactory.getLogger(MemcachedCache.class);
  private static final String PREFIX = "legerible:";
  private static final ObjectInputFilter ALLOWED_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "io.legerible.**;java.lang.*;java.util.*;java.time.*;java.math.*;"
              + "org.springframework.cache.support.NullValue;maxdepth=20;!*");

  private final String name;
  private final MemcachedClient client;
  private final int ttlSeconds;
  private final MemcachedAvailability availability;
  private final Duration namespaceRefresh;
  private volatile long namespace;
  private volatile long namespaceReadAt;

  MemcachedCache(
      String name,
      MemcachedClient client,
      Duration ttl,
      Duration namespaceRefresh,
      MemcachedAvailability availability) {
    super(true);
    this.name = name;
    this.client = client;
    this.ttlSeconds = (int) Math.max(1, ttl.toSeconds());
    this.namespaceRefresh = namespaceRefresh;
    this.availability = availability;
    this.namespaceReadAt = Long.MIN_VALUE;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Object getNativeCache() {
    return client;
  }

  @Override
  protected Object lookup(Object key) {
    try {
      byte[] bytes = client.get(storageKey(key));
      availability.succeeded();
      return bytes == null ? null : deserialize(bytes);
    } catch (TimeoutException | MemcachedException | RuntimeException e) {
      availability.failed(e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    ValueWrapper cached = get(key);
    if (cached != null) {
      return (T) cached.get();
    }
    T value;
    try {
      value = valueLoader.call();
    } catch (Exception e) {
      throw new ValueRetrievalException(key, valueLoader, e);
    }
    put(key, value);
    return value;
  }

  @Override
  public void put(Object key, Object value) {
    Object stored = toStoreValue(value);
    if (!(stored instanceof Serializable)) {
      log.debug("Not caching a value of {} in {}: not Serializable", stored.getClass(), name);
      return;
    }
    try {
      client.setWithNoReply(storageKey(key), ttlSeconds, serialize(stored));
      availability.succeeded();
    } catch (TimeoutException | MemcachedException | RuntimeException e) {
      availability.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void evict(Object key) {
    try {
      client.deleteWithNoReply(storageKey(key));
    } catch (TimeoutException | MemcachedException | RuntimeException e) {
      availability.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void clear() {
    try {
      String counter = namespaceKey();
      long next = client.incr(counter, 1, System.currentTimeMillis(), 1000, 0);
      namespace = next;
      namespaceReadAt = System.nanoTime();
    } catch (TimeoutException | MemcachedException | RuntimeException e) {
      availability.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String storageKey(Object key) throws TimeoutException, InterruptedException {
    return PREFIX + name + ":" + currentNamespace() + ":" + sha256(String.valueOf(key));
  }

  private long currentNamespace() throws TimeoutException, InterruptedException {
    long now = System.nanoTime();
    if (namespaceReadAt == Long.MIN_VALUE || now - namespaceReadAt > namespaceRefresh.toNanos()) {
      try {
        String stored = client.get(namespaceKey());
        namespace = stored == null ? 0 : Long.parseLong(stored.strip());
      } catch (MemcachedException | NumberFormatException e) {
        namespace = 0;
      }
      namespaceReadAt = now;
    }
    return namespace;
  }

  private String namespaceKey() {
    return PREFIX + "namespace:" + name;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] serialize(Object value) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise a cached value", e);
    }
  }

  private static Object deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(ALLOWED_CLASSES);
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      log.debug("Ignoring a cached value that cannot be read: {}", e.getMessage());
      return null;
    }
  }

  /** Resolves classes with the application's class loader, also inside a packaged jar. */
  private static final class ApplicationObjectInputStream extends ObjectInputStream {

    ApplicationObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, MemcachedCache.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
