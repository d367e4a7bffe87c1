package io.filesight.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.filesight.adapter.imports.DefenderFiles;
import io.filesight.application.port.in.ImportMachines;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ReplaceAccessConfiguration;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.service.ImportMachinesService;
import io.filesight.application.service.ImportObservationsService;
import io.filesight.application.service.ReplaceAccessConfigurationService;

/** Wiring: the import use cases over the store's out-ports, and Defender's files read into them. */
public final class ImportModule extends AbstractModule {

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
  }

  @Provides
  @Singleton
  ImportMachines importMachines(MachineStore store) {
    return new ImportMachinesService(store);
  }

  @Provides
  @Singleton
  ImportObservations importObservations(ObservationStore store) {
    return new ImportObservationsService(store);
  }

  @Provides
  @Singleton
  ReplaceAccessConfiguration replaceAccessConfiguration(AccessConfigurationStore store) {
    return new ReplaceAccessConfigurationService(store);
  }

  @Provides
  @Singleton
  DefenderFiles defenderFiles(
      ImportMachines machines, ImportObservations observations, ReplaceAccessConfiguration access) {
    return new DefenderFiles(machines, observations, access);
  }
}
