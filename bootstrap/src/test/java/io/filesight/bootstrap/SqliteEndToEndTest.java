package io.filesight.bootstrap;

import io.filesight.bootstrap.config.DatabaseLocation;
import java.nio.file.Path;

/** The end-to-end contract on an embedded SQLite file. */
class SqliteEndToEndTest extends EndToEndContract {
  @Override
  DatabaseLocation database(Path dir) {
    return new DatabaseLocation.SqliteFile(dir.resolve("filesight.db"), true);
  }
}
