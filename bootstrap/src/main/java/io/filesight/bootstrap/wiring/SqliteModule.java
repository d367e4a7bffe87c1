package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.InMemoryQuotaLedger;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteObservationStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.QuotaLedger;

/**
 * Wiring: what an embedded SQLite file serves differently: its bulk path for observations, and
 * quotas counted in this one process (one process writes a SQLite file).
 */
public final class SqliteModule extends AbstractModule {
  private final SqliteDatabase database;

  public SqliteModule(SqliteDatabase database) {
    this.database = database;
  }

  @Provides
  @Singleton
  Database database() {
    return database;
  }

  @Provides
  @Singleton
  ObservationStore observationStore() {
    return new SqliteObservationStore(database);
  }

  @Provides
  @Singleton
  QuotaLedger quotaLedger() {
    return new InMemoryQuotaLedger();
  }
}
