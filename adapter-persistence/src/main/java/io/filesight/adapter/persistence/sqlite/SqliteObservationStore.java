package io.filesight.adapter.persistence.sqlite;

import io.filesight.adapter.persistence.ImportTotals;
import io.filesight.adapter.persistence.WriterSession;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Observation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Secondary adapter: observations written to SQLite through {@link ObservationStaging}'s bulk path
 * (unindexed staging tables moved into the store in key order, or a backlog that the last commit of
 * a first import moves).
 */
public final class SqliteObservationStore implements ObservationStore {
  private final SqliteDatabase database;

  public SqliteObservationStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public ImportSession<Observation> beginImport() {
    return new WriterSession<>(database, ImportTotals.OBSERVATIONS, true) {
      private final ObservationStaging staging = new ObservationStaging();

      @Override
      protected void opened(Connection connection) throws SQLException {
        // A move inserts a batch's files before the observations that refer to them, so the
        // import skips SQLite's foreign key checks, one index probe per row. A connection setting,
        // which SQLite ignores inside a transaction.
        foreignKeys(connection, false);
      }

      @Override
      protected void write(Connection connection, List<Observation> batch) throws SQLException {
        staging.stage(connection, batch);
      }

      @Override
      protected StoredCounts settle(Connection connection, boolean last) throws SQLException {
        return last ? staging.move(connection) : staging.moveSome(connection);
      }

      @Override
      protected void closing(Connection connection) throws SQLException {
        foreignKeys(connection, true);
      }
    };
  }

  private static void foreignKeys(Connection connection, boolean on) throws SQLException {
    try (Statement pragma = connection.createStatement()) {
      pragma.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
    }
  }
}
