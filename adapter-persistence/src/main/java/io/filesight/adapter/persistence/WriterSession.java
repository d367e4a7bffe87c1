package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoredCounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * An import session on one writing connection, held from the first batch to {@link #close()}:
 * appended batches go into an open transaction (IMMEDIATE on SQLite, which has one writer), which
 * {@link #commit} ends. A failure of the database becomes a {@link DatabaseUnavailableException}
 * naming it; the work of the transaction is then rolled back. A resumable session that was told its
 * source ({@link #resume}) writes how far it got with each commit, in {@code import_progress}.
 */
public abstract class WriterSession<T> implements ImportSession<T> {
  private final Database database;
  private final String kind;
  private final boolean resumable;
  private Handle handle;
  private boolean closed;

  /** The source whose progress the commits record; null when they record none. */
  private String source;

  /** The records appended and counted up to the last commit, the resumed ones included. */
  private ResumePoint committed = ResumePoint.NONE;

  /** Records appended since the last commit. */
  private long appended;

  /**
   * A session whose imports start from the beginning, interrupted or not; its commits count their
   * records under {@code kind} in {@code import_totals}.
   */
  protected WriterSession(Database database, String kind) {
    this(database, kind, false);
  }

  /** A session that resumes an interrupted import of the same source when {@code resumable}. */
  protected WriterSession(Database database, String kind, boolean resumable) {
    this.database = database;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.resumable = resumable;
  }

  /** Called once, with the writer connection, before the first transaction begins. */
  protected void opened(Connection connection) throws SQLException {}

  /** Writes {@code batch} on the open transaction. */
  protected abstract void write(Connection connection, List<T> batch) throws SQLException;

  /** Completes the transaction's work before it commits; the counts of the whole transaction. */
  protected abstract StoredCounts settle(Connection connection, boolean last) throws SQLException;

  /** Called once, with the writer connection, after the last transaction ended. */
  protected void closing(Connection connection) throws SQLException {}

  @Override
  public final ResumePoint resume(String source) {
    Objects.requireNonNull(source, "source");
    if (!resumable) {
      return ResumePoint.NONE;
    }
    if (this.source != null || appended > 0 || (handle != null && handle.isInTransaction())) {
      throw new IllegalStateException("an import resumes before its first append");
    }
    try {
      // Read outside a transaction: the import reads past the resumed records next, and should
      // not hold the write lock meanwhile.
      committed = ImportProgressTable.read(writer().getConnection(), source);
      this.source = source;
      return committed;
    } catch (SQLException | JdbiException e) {
      throw failure(e);
    }
  }

  @Override
  public final void append(List<T> batch) {
    try {
      Handle open = transaction();
      write(open.getConnection(), batch);
      appended += batch.size();
    } catch (SQLException | JdbiException e) {
      throw failure(e);
    }
  }

  @Override
  public final StoredCounts commit(boolean last) {
    try {
      Handle open = transaction();
      StoredCounts counts = settle(open.getConnection(), last);
      ResumePoint reached =
          new ResumePoint(committed.records() + appended, committed.counts().plus(counts));
      if (source != null) {
        if (last) {
          ImportProgressTable.forget(open.getConnection(), source);
        } else {
          ImportProgressTable.save(open.getConnection(), source, reached);
        }
      }
      ImportTotalsTable.add(
          open.getConnection(), kind, appended, last ? System.currentTimeMillis() : null);
      open.commit();
      committed = reached;
      appended = 0;
      return counts;
    } catch (SQLException | JdbiException e) {
      throw failure(e);
    }
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (handle == null) {
      return;
    }
    try (Handle open = handle) {
      if (open.isInTransaction()) {
        open.rollback();
      }
      closing(open.getConnection());
    } catch (SQLException | JdbiException e) {
      throw failure(e);
    }
  }

  /** The writer handle, opened as needed. */
  private Handle writer() throws SQLException {
    if (closed) {
      throw new IllegalStateException("the import session is closed");
    }
    if (handle == null) {
      handle = database.writes().open();
      opened(handle.getConnection());
    }
    return handle;
  }

  /** The writer handle, in a transaction: opened and begun as needed. */
  private Handle transaction() throws SQLException {
    Handle open = writer();
    if (!open.isInTransaction()) {
      open.begin();
      database.importing(open.getConnection());
    }
    return open;
  }

  private DatabaseUnavailableException failure(Exception e) {
    return database.writeFailed(e);
  }
}
