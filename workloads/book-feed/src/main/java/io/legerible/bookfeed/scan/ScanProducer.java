package io.legerible.bookfeed.scan;

import io.legerible.catalogue.GoodbooksCatalogue;
import io.legerible.contracts.BookScanEvent;
import io.legerible.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in for a library's scanner: publishes ISBNs of the bundled catalogue to {@link
 * Topics#BOOK_SCANS} at {@code legerible.feed.rate-per-second} scans per second (0: off).
 */
@Component
class ScanProducer implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ScanProducer.class);

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final List<String> isbns;
  private final double ratePerSecond;
  private final SplittableRandom random = new SplittableRandom();
  private ScheduledExecutorService scheduler;

  ScanProducer(
      KafkaTemplate<String, String> kafka,
      JsonMapper json,
      GoodbooksCatalogue catalogue,
      @Value("${legerible.feed.rate-per-second}") double ratePerSecond) {
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException(
          "LEGERIBLE_FEED_RATE_PER_SECOND must be 0 (off) or positive, got " + ratePerSecond);
    }
    this.kafka = kafka;
    this.json = json;
    this.isbns = catalogue.isbns();
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public synchronized void start() {
    if (ratePerSecond == 0 || isbns.isEmpty()) {
      LOG.info("Scan producer is off (rate {} per second)", ratePerSecond);
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "scan-producer");
              thread.setDaemon(true);
              return thread;
            });
    long periodNanos = Math.max(1, Math.round(1_000_000_000 / ratePerSecond));
    scheduler.scheduleAtFixedRate(this::publishOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    LOG.info("Scan producer publishes {} scans per second to {}", ratePerSecond, Topics.BOOK_SCANS);
  }

  private void publishOne() {
    try {
      String isbn = isbns.get(random.nextInt(isbns.size()));
      BookScanEvent scan = new BookScanEvent(UUID.randomUUID(), isbn, Instant.now());
      kafka.send(Topics.BOOK_SCANS, isbn, json.writeValueAsString(scan));
    } catch (RuntimeException e) {
      LOG.warn("Could not publish a scan: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
