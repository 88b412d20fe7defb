package io.legerible.webapp.loan;

import io.legerible.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to {@link Topics#LOANS} (key: book id) and marks what Kafka acknowledged. At
 * least once: an event whose acknowledgement was lost is sent again, and consumers de-duplicate on
 * its {@code eventId}. Replicas share the work through {@code SKIP LOCKED}. While Kafka does not
 * answer, attempts back off up to {@code legerible.outbox.max-backoff}. A loan committed here is
 * sent at once; the schedule picks up what other replicas or earlier failures left.
 */
@Component
class LoanEventRelay {

  private static final Logger log = LoggerFactory.getLogger(LoanEventRelay.class);
  private static final int BATCH = 200;

  private final LoanEventOutbox outbox;
  private final KafkaTemplate<String, String> kafka;
  private final KafkaAdmin admin;
  private final TransactionTemplate transactions;
  private final TaskScheduler scheduler;
  private final Duration sendTimeout;
  private final Duration maxBackoff;
  private boolean topicReady;
  private int consecutiveFailures;
  private long nextAttemptNanos = System.nanoTime();

  LoanEventRelay(
      LoanEventOutbox outbox,
      KafkaTemplate<String, String> kafka,
      KafkaAdmin admin,
      TransactionTemplate transactions,
      TaskScheduler scheduler,
      @Value("${legerible.outbox.send-timeout:PT10S}") Duration sendTimeout,
      @Value("${legerible.outbox.max-backoff:PT15S}") Duration maxBackoff) {
    this.outbox = outbox;
    this.kafka = kafka;
    this.admin = admin;
    this.transactions = transactions;
    this.scheduler = scheduler;
    this.sendTimeout = sendTimeout;
    this.maxBackoff = maxBackoff;
  }

  @Scheduled(
      fixedDelayString = "${legerible.outbox.relay-interval:PT1S}",
      initialDelayString = "${legerible.outbox.relay-interval:PT1S}")
  synchronized void relay() {
    if (System.nanoTime() - nextAttemptNanos < 0 || outbox.countPending() == 0) {
      return;
    }
    try {
      if (!topicReady) {
        // Created with the cluster's default partitions and replication when it is missing.
        admin.createOrModifyTopics(new NewTopic(Topics.LOANS, Optional.empty(), Optional.empty()));
        topicReady = true;
      }
      BatchResult batch;
      do {
        batch = transactions.execute(status -> publishBatch());
      } while (batch != null && batch.failure() == null && batch.acknowledged() == BATCH);
      if (batch != null && batch.failure() != null) {
        failed(batch.failure());
      } else {
        recovered();
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Relays right after a loan or return committed, off the member's request thread. */
  @TransactionalEventListener
  void relaySoon(LoanEventOutbox.Appended appended) {
    scheduler.schedule(this::relay, Instant.now());
  }

  /** How many events of a batch Kafka acknowledged, and why the rest were not. */
  private record BatchResult(int acknowledged, RuntimeException failure) {}

  /**
   * Sends one batch and marks what was acknowledged, in the transaction that locked the rows. Stops
   * at the first send that fails at once, so an absent Kafka costs one timeout per batch.
   */
  private BatchResult publishBatch() {
    List<LoanEventOutbox.Pending> pending = outbox.lockPending(BATCH);
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
    RuntimeException failure = null;
    for (LoanEventOutbox.Pending event : pending) {
      try {
        CompletableFuture<SendResult<String, String>> send =
            kafka.send(Topics.LOANS, event.key(), event.payload());
        sends.add(send);
        if (send.isCompletedExceptionally()) {
          break;
        }
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    List<UUID> acknowledged = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        acknowledged.add(pending.get(i).eventId());
      } catch (ExecutionException | TimeoutException e) {
        failure = new KafkaUnavailableException(pending.size() - acknowledged.size(), e);
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new KafkaUnavailableException(pending.size() - acknowledged.size(), e);
        break;
      }
    }
    outbox.markPublished(acknowledged);
    return new BatchResult(acknowledged.size(), failure);
  }

  private void failed(RuntimeException e) {
    if (consecutiveFailures == 0) {
      log.warn(
          "Loan events cannot be published to Kafka ({}); they stay in the outbox and are sent"
              + " when Kafka answers again",
          e.getMessage());
    }
    consecutiveFailures++;
    long backoffMillis =
        Math.min(maxBackoff.toMillis(), 1000L << Math.min(consecutiveFailures - 1, 10));
    nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
  }

  private void recovered() {
    if (consecutiveFailures > 0) {
      log.info("Kafka answers again; the loan event outbox has been published");
    }
    consecutiveFailures = 0;
    nextAttemptNanos = System.nanoTime();
  }

  /** Kafka did not acknowledge some events of a batch; they stay in the outbox. */
  static final class KafkaUnavailableException extends RuntimeException {

    KafkaUnavailableException(int unacknowledged, Exception cause) {
      super(unacknowledged + " events not acknowledged: " + cause.getMessage(), cause);
    }
  }
}
