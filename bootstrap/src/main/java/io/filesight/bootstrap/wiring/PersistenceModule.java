package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.filesight.adapter.persistence.DatabaseReadinessProbe;
import io.filesight.adapter.persistence.InMemoryQuotaLedger;
import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.adapter.persistence.SqliteMachineStore;
import io.filesight.adapter.persistence.SqliteObservationStore;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.application.port.out.ReadinessProbe;

/**
 * Wiring: the out-ports served by an opened SQLite database (opened by the lifecycle, not here).
 */
public final class PersistenceModule extends AbstractModule {
  private final SqliteDatabase database;
  private final int cachedMachines;

  public PersistenceModule(SqliteDatabase database, int cachedMachines) {
    this.database = database;
    this.cachedMachines = cachedMachines;
  }

  @Provides
  @Singleton
  MachineRepository machineRepository() {
    return new JdbiMachineRepository(database, cachedMachines);
  }

  @Provides
  @Singleton
  JdbiAccessDirectory jdbiAccessDirectory() {
    return new JdbiAccessDirectory(database);
  }

  @Provides
  @Singleton
  AccessDirectory accessDirectory(JdbiAccessDirectory directory) {
    return directory;
  }

  @Provides
  @Singleton
  AccessConfigurationStore accessConfigurationStore(JdbiAccessDirectory directory) {
    return directory;
  }

  @Provides
  @Singleton
  MachineStore machineStore() {
    return new SqliteMachineStore(database);
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

  @Provides
  @Singleton
  @Named("database")
  ReadinessProbe databaseReadiness() {
    return new DatabaseReadinessProbe(database);
  }
}
