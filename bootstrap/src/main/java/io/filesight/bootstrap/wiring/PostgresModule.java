package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresObservationStore;
import io.filesight.adapter.persistence.postgres.PostgresQuotaLedger;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.QuotaLedger;

/**
 * Wiring: what a shared PostgreSQL database serves differently: observations copied in bulk, and
 * quotas counted in the database, so that every instance on it shares them exactly.
 */
public final class PostgresModule extends AbstractModule {
  private final PostgresDatabase database;

  public PostgresModule(PostgresDatabase database) {
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
    return new PostgresObservationStore(database);
  }

  @Provides
  @Singleton
  QuotaLedger quotaLedger() {
    return new PostgresQuotaLedger(database);
  }
}
