package io.filesight.adapter.persistence;

import io.filesight.application.port.out.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Secondary adapter infrastructure: a migrated database that the portable adapters read and write
 * ({@link JdbiMachineRepository}, {@link JdbiAccessDirectory}, {@link JdbcMachineStore}), SQLite or
 * PostgreSQL. Its name never holds a secret, so it may appear in messages and logs.
 */
public interface Database extends AutoCloseable {

  /** The database for messages and logs: the file, or the URL without credentials. */
  String name();

  /** Jdbi over the connections that write; their transactions lock what they write. */
  Jdbi writes();

  /** Jdbi over the connections that read. */
  Jdbi reads();

  /**
   * A reading connection, for the lookup's hot path, where opening a Jdbi handle costs more than
   * the query; closing it gives it back.
   *
   * @throws DatabaseUnavailableException when the database cannot be used (yet)
   */
  Connection readConnection() throws SQLException;

  /**
   * The isolation under which the statements of one read transaction see one snapshot ({@link
   * TransactionIsolationLevel#UNKNOWN}: the engine's default does).
   */
  TransactionIsolationLevel snapshotIsolation();

  /**
   * Readies a writing connection, in its open transaction, for an import's long statements (a
   * server's statement timeout sized for lookups would cut a batch short). Nothing by default.
   */
  default void importing(Connection connection) throws SQLException {}

  /**
   * Checks now that this process may still use the database it opened, for readiness; lookups are
   * checked by {@link #readConnection()}. Nothing by default.
   *
   * @throws StoreUnavailableException when it may not (a SQLite file replaced, deleted or damaged)
   */
  default void checkStillUsable() {}

  /**
   * The exception for a read that failed with {@code cause}, naming the database. An engine that
   * retires its store on some failures (SQLite on corruption) returns the retirement instead.
   */
  default StoreUnavailableException readFailed(Exception cause) {
    return new DatabaseUnavailableException(
        "reading the database " + name() + " failed: " + cause.getMessage(), cause);
  }

  /**
   * The exception for a write that failed with {@code cause}, naming the database. An engine may
   * name a known cause in its own words (SQLite: another process's write lock held too long).
   */
  default DatabaseUnavailableException writeFailed(Exception cause) {
    return new DatabaseUnavailableException(
        "writing to the database " + name() + " failed: " + cause.getMessage(), cause);
  }

  /** Its connection pools, for metrics. */
  List<ConnectionPoolGauges> connectionPools();

  @Override
  void close();
}
