package io.legerible.sparkjobs.platform;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes many idempotent single-row writes with a bounded number in flight. Multi-partition
 * batches are slower and fail as "too large"; single-row writes keyed by their primary key can be
 * replayed safely.
 */
public final class CassandraBatchWriter {

  private final CqlSession session;
  private final int maxInFlight;

  /** A writer on {@code session} keeping at most {@code maxInFlight} requests outstanding. */
  public CassandraBatchWriter(CqlSession session, int maxInFlight) {
    this.session = session;
    this.maxInFlight = maxInFlight;
  }

  /** Executes every statement; returns when all are acknowledged, throws on the first failure. */
  public void writeAll(Iterable<BoundStatement> statements) {
    Semaphore permits = new Semaphore(maxInFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (BoundStatement statement : statements) {
      if (failure.get() != null) {
        break;
      }
      permits.acquireUninterruptibly();
      CompletableFuture<?> write =
          session.executeAsync(statement.setIdempotent(true)).toCompletableFuture();
      write.whenComplete(
          (result, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
            permits.release();
          });
    }
    permits.acquireUninterruptibly(maxInFlight);
    Throwable error = failure.get();
    if (error != null) {
      throw new CompletionException("Cassandra write failed: " + error.getMessage(), error);
    }
  }
}
