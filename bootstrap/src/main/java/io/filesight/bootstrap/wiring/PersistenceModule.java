package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.DatabaseReadinessProbe;
import io.filesight.adapter.persistence.JdbcMachineStore;
import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.adapter.persistence.JdbiQuotaPolicyStore;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.application.port.out.ReadinessProbe;

/**
 * Wiring: the out-ports that portable SQL serves on either engine, over the {@link Database} that
 * the engine's module provides (opened by the lifecycle, not here).
 */
public final class PersistenceModule extends AbstractModule {
  private final int cachedMachines;

  public PersistenceModule(int cachedMachines) {
    this.cachedMachines = cachedMachines;
  }

  @Provides
  @Singleton
  QuotaPolicyStore quotaPolicyStore(Database database) {
    return new JdbiQuotaPolicyStore(database);
  }

  @Provides
  @Singleton
  JdbiMachineRepository jdbiMachineRepository(Database database) {
    return new JdbiMachineRepository(database, cachedMachines);
  }

  @Provides
  @Singleton
  MachineRepository machineRepository(JdbiMachineRepository repository) {
    return repository;
  }

  @Provides
  @Singleton
  JdbiAccessDirectory jdbiAccessDirectory(Database database) {
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
  MachineStore machineStore(Database database) {
    return new JdbcMachineStore(database);
  }

  @Provides
  @Singleton
  @Named("database")
  ReadinessProbe databaseReadiness(Database database) {
    return new DatabaseReadinessProbe(database);
  }
}
