package io.filesight.adapter.persistence.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.BusyHandler;

/**
 * How a writing connection waits for another process's write lock on the file: for at most a bound,
 * saying so in one log line the first time this process waits (later waits, e.g. between two
 * imports' batches, only at debug level), then SQLite reports {@code SQLITE_BUSY}. It replaces the
 * connection's {@code busy_timeout}, which waits silently.
 */
final class WriteLockWait {
  private static final Logger LOG = LoggerFactory.getLogger(WriteLockWait.class);

  /** SQLite's own busy_timeout pauses, in milliseconds, ending at 100 ms. */
  private static final int[] PAUSES_MILLIS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

  private final Path file;
  private final Duration bound;
  private final AtomicBoolean reported = new AtomicBoolean();

  WriteLockWait(Path file, Duration bound) {
    this.file = file;
    this.bound = bound;
  }

  /** The longest wait for the lock. */
  Duration bound() {
    return bound;
  }

  /** Makes {@code connection} wait for the write lock this way. */
  void install(Connection connection) throws SQLException {
    BusyHandler.setHandler(connection, new Handler());
  }

  /** The line that tells an operator why nothing happens for a while. */
  String waitingMessage() {
    return "waiting up to "
        + bound.toSeconds()
        + " s for another process's write lock on "
        + file
        + " (an import or copy running?)";
  }

  /** One connection's handler: SQLite calls it on that connection's thread only. */
  private final class Handler extends BusyHandler {
    private long startedAt;

    @Override
    protected int callback(int previousCalls) {
      long now = System.nanoTime();
      if (previousCalls == 0) {
        startedAt = now;
        if (reported.compareAndSet(false, true)) {
          LOG.warn(waitingMessage());
        } else {
          LOG.debug(waitingMessage());
        }
      }
      long left = bound.toNanos() - (now - startedAt);
      if (left <= 0) {
        return 0;
      }
      int pause = PAUSES_MILLIS[Math.min(previousCalls, PAUSES_MILLIS.length - 1)];
      try {
        Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      return 1;
    }
  }
}
