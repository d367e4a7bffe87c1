package io.filesight.application.port.out;

import java.util.List;

/**
 * One import's writing to a store: batches are appended to an open unit of work and made durable
 * together by {@link #commit}; {@link #close} finishes the session and discards what was appended
 * but not committed. Shaped for bulk work: an import hands over thousands of records per call, and
 * a store may stage them (SQLite's unindexed tables, PostgreSQL's {@code COPY}) until the commit.
 * Used by one thread.
 */
public interface ImportSession<T> extends AutoCloseable {

  /** Adds {@code batch} to the work that the next {@link #commit} makes durable. */
  void append(List<T> batch);

  /**
   * Makes everything appended since the last commit durable, at once: after a crash it is stored
   * whole or not at all. {@code last} says that no more batches follow: bookkeeping the store keeps
   * across commits (such as a backlog of deferred work) is settled and emptied then, so that an
   * import that completes leaves nothing of itself but the records.
   *
   * @return the records this commit inserted and updated
   * @throws StoreUnavailableException when the store cannot take the work; nothing of it is stored
   */
  StoredCounts commit(boolean last);

  /** Finishes the session: work not committed is discarded, and the store is released. */
  @Override
  void close();
}
