package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.StoredCounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * An import session on one writing connection, held from the first batch to {@link #close()}:
 * appended batches go into an open transaction (IMMEDIATE on SQLite, which has one writer), which
 * {@link #commit} ends. A failure of the database becomes a {@link DatabaseUnavailableException}
 * naming it; the work of the transaction is then rolled back.
 */
public abstract class WriterSession<T> implements ImportSession<T> {
  private final Database database;
  private Handle handle;
  private boolean closed;

  protected WriterSession(Database database) {
    this.database = database;
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
  public final void append(List<T> batch) {
    try {
      Handle open = transaction();
      write(open.getConnection(), batch);
    } catch (SQLException | JdbiException e) {
      throw failure(e);
    }
  }

  @Override
  public final StoredCounts commit(boolean last) {
    try {
      Handle open = transaction();
      StoredCounts counts = settle(open.getConnection(), last);
      open.commit();
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

  /** The writer handle, in a transaction: opened and begun as needed. */
  private Handle transaction() throws SQLException {
    if (closed) {
      throw new IllegalStateException("the import session is closed");
    }
    if (handle == null) {
      handle = database.writes().open();
      opened(handle.getConnection());
    }
    if (!handle.isInTransaction()) {
      handle.begin();
      database.importing(handle.getConnection());
    }
    return handle;
  }

  private DatabaseUnavailableException failure(Exception e) {
    return new DatabaseUnavailableException(
        "writing to the database " + database.name() + " failed: " + e.getMessage(), e);
  }
}
