package io.legerible.sparkjobs.platform;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes many idempotent writes with a bounded number in flight. Rows of one partition go
 * together as small unlogged batches (one mutation on one replica set); rows of different
 * partitions never share a batch, which would be slower and fail as "too large". Writes keyed by
 * their primary key can be replayed safely.
 */
public final class CassandraBatchWriter {

  private final CqlSession session;
  private final int maxInFlight;

  /** A writer on {@code session} keeping at most {@code maxInFlight} requests outstanding. */
  public CassandraBatchWriter(CqlSession session, int maxInFlight) {
    this.session = session;
    this.maxInFlight = maxInFlight;
  }

  /** Rows per single-partition batch: small enough to stay under Cassandra's batch size warning. */
  public static final int ROWS_PER_BATCH = 40;

  /**
   * Writes rows grouped by partition: each group is sent as unlogged batches of at most {@link
   * #ROWS_PER_BATCH} rows.
   */
  public void writePartitions(Collection<List<BoundStatement>> partitions) {
    List<Statement<?>> batches = new ArrayList<>();
    for (List<BoundStatement> rows : partitions) {
      for (int from = 0; from < rows.size(); from += ROWS_PER_BATCH) {
        List<BoundStatement> chunk =
            rows.subList(from, Math.min(rows.size(), from + ROWS_PER_BATCH));
        batches.add(
            chunk.size() == 1
                ? chunk.get(0)
                : BatchStatement.newInstance(
                    BatchType.UNLOGGED, chunk.toArray(BoundStatement[]::new)));
      }
    }
    writeAll(batches);
  }

  /** Executes every statement; returns when all are acknowledged, throws on the first failure. */
  public void writeAll(Iterable<? extends Statement<?>> statements) {
    Semaphore permits = new Semaphore(maxInFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (Statement<?> statement : statements) {
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
