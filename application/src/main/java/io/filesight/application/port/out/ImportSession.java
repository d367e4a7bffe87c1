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

  /**
   * Resumes an interrupted import of the same records: {@code source} identifies them (for a file,
   * its path, size and modification time). Answers where an earlier session of {@code source} that
   * was interrupted stopped, its committed records being held by the store (stored, or kept for the
   * next import to settle); {@link ResumePoint#NONE} when none was, or the store does not resume.
   * Called before the first append, which then brings the records after those. From then on each
   * commit records how far this session got, and the last one forgets {@code source}.
   */
  default ResumePoint resume(String source) {
    return ResumePoint.NONE;
  }

  /** Adds {@code batch} to the work that the next {@link #commit} makes durable. */
  void append(List<T> batch);

  /**
   * Makes everything appended since the last commit durable, at once: after a crash it is stored
   * whole or not at all. {@code last} says that no more batches follow: bookkeeping the store keeps
   * across commits (a backlog of deferred work, the progress {@link #resume} reads) is settled and
   * emptied then, so that an import that completes leaves nothing of itself but the records.
   *
   * @return the records this commit inserted and updated
   * @throws StoreUnavailableException when the store cannot take the work; nothing of it is stored
   */
  StoredCounts commit(boolean last);

  /** Finishes the session: work not committed is discarded, and the store is released. */
  @Override
  void close();
}
