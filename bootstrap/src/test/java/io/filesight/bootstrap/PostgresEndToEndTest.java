package io.filesight.bootstrap;

import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.bootstrap.config.DatabaseLocation;
import java.nio.file.Path;
import java.util.List;

/** The end-to-end contract on PostgreSQL: the same answers, the access matrix included. */
class PostgresEndToEndTest extends EndToEndContract {
  @Override
  DatabaseLocation database(Path dir) {
    return new DatabaseLocation.Postgres(TestPostgres.freshDatabase());
  }

  @Override
  List<String> connectionPools() {
    return List.of("filesight-postgres");
  }
}
