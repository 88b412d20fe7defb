package io.legerible.bookfeed.scan;

import io.legerible.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics and failure handling of the feed: rejected scans go straight to the dead-letter topic with
 * the reason in a header; other failures (database down) are retried with back-off for about a
 * minute and then dead-lettered too, so no scan is retried forever.
 */
@Configuration(proxyBeanMethods = false)
class BookFeedKafkaConfiguration {

  /** Header with the reason a scan was dead-lettered. */
  static final String REASON_HEADER = "legerible.error";

  private static final Logger LOG = LoggerFactory.getLogger(BookFeedKafkaConfiguration.class);

  @Bean
  NewTopic bookScansTopic() {
    return TopicBuilder.name(Topics.BOOK_SCANS).partitions(2).replicas(1).build();
  }

  @Bean
  NewTopic bookScansDeadLetterTopic() {
    return TopicBuilder.name(Topics.BOOK_SCANS_DEAD_LETTER).partitions(1).replicas(1).build();
  }

  @Bean
  DefaultErrorHandler bookScanErrorHandler(KafkaOperations<Object, Object> kafka) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            kafka, (record, exception) -> new TopicPartition(Topics.BOOK_SCANS_DEAD_LETTER, -1));
    recoverer.setHeadersFunction(
        (record, exception) -> {
          Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
          LOG.warn(
              "Book scan {} at {}-{}@{} dead-lettered: {}",
              record.key(),
              record.topic(),
              record.partition(),
              record.offset(),
              cause.getMessage());
          org.apache.kafka.common.header.internals.RecordHeaders headers =
              new org.apache.kafka.common.header.internals.RecordHeaders();
          headers.add(
              REASON_HEADER, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
          return headers;
        });
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(10_000);
    backOff.setMaxElapsedTime(60_000);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(RejectedScanException.class);
    return handler;
  }
}
