package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.contract.AccessDirectoryContract;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite adapter keeps the {@link AccessDirectoryContract}. */
class JdbiAccessDirectoryContractTest extends AccessDirectoryContract {
  @TempDir Path directory;
  private SqliteDatabase database;

  @Override
  protected Fixture newFixture() {
    database = SqliteDatabase.open(directory.resolve("filesight.db"), true);
    JdbiAccessDirectory access = new JdbiAccessDirectory(database);
    return new Fixture() {
      @Override
      public AccessDirectory directory() {
        return access;
      }

      @Override
      public AccessConfigurationStore store() {
        return access;
      }
    };
  }

  @AfterEach
  void close() {
    database.close();
  }
}
