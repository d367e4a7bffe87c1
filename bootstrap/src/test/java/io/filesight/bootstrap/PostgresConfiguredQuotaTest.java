package io.filesight.bootstrap;

import io.filesight.adapter.persistence.postgres.PostgresSettings;
import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.bootstrap.config.DatabaseLocation;

/** {@code --quota} on PostgreSQL, where instances share the database and so the policy. */
class PostgresConfiguredQuotaTest extends ConfiguredQuotaContract {
  private PostgresSettings settings;

  @Override
  DatabaseLocation database() {
    if (settings == null) {
      settings = TestPostgres.freshDatabase();
    }
    return new DatabaseLocation.Postgres(settings);
  }
}
