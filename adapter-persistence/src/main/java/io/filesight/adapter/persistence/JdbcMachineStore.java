package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Machine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Secondary adapter: machines written by batched upserts in portable SQL (SQLite or PostgreSQL),
 * each batch bumping the version that readers keep their cached machines by.
 */
public final class JdbcMachineStore implements MachineStore {
  private final Database database;

  public JdbcMachineStore(Database database) {
    this.database = database;
  }

  @Override
  public ImportSession<Machine> beginImport() {
    return new WriterSession<>(database, ImportTotals.MACHINES) {
      private StoredCounts written = StoredCounts.NONE;

      @Override
      protected void write(Connection connection, List<Machine> batch) throws SQLException {
        written = written.plus(StoreWrites.upsertMachines(connection, batch));
      }

      @Override
      protected StoredCounts settle(Connection connection, boolean last) {
        // Counted as stored now: should the commit fail, the import stops and this session too.
        StoredCounts counts = written;
        written = StoredCounts.NONE;
        return counts;
      }
    };
  }
}
