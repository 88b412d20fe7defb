package io.legerible.webapp.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remembers whether memcached answered lately, and logs only when that changes. */
public class MemcachedAvailability {

  private static final Logger log = LoggerFactory.getLogger(MemcachedAvailability.class);

  private volatile boolean up = true;
  private volatile String lastError = "";

  void succeeded() {
    if (!up) {
      up = true;
      log.info("memcached answers again; shared pages are cached");
    }
  }

  void failed(Exception e) {
    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (up) {
      up = false;
      log.warn("memcached does not answer ({}); pages are served from the database", lastError);
    }
  }

  public boolean up() {
    return up;
  }

  public String lastError() {
    return lastError;
  }
}
