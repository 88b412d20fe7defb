package io.legerible.webapp.loan;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Exposes how many loan events wait for Kafka, so an alert can fire on a growing backlog. */
@Component
class OutboxMetrics implements MeterBinder {

  private final LoanEventOutbox outbox;

  OutboxMetrics(LoanEventOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("legerible.outbox.pending", outbox, LoanEventOutbox::countPending)
        .description("Loan events written to the outbox and not yet acknowledged by Kafka")
        .register(registry);
  }
}
