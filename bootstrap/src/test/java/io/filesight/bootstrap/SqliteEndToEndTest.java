package io.filesight.bootstrap;

import io.filesight.bootstrap.config.DatabaseLocation;
import java.nio.file.Path;
import java.util.List;

/** The end-to-end contract on an embedded SQLite file. */
class SqliteEndToEndTest extends EndToEndContract {
  @Override
  DatabaseLocation database(Path dir) {
    return new DatabaseLocation.SqliteFile(dir.resolve("filesight.db"), true);
  }

  @Override
  List<String> connectionPools() {
    return List.of("filesight-writer", "filesight-reader");
  }
}
