package io.filesight.application.service;

import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportMachines;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineStore;
import io.filesight.domain.Machine;
import java.util.Objects;

/** Use case: imports machines into the {@link MachineStore} in batches. */
public final class ImportMachinesService extends RecordImportService<Machine>
    implements ImportMachines {
  private final MachineStore store;

  public ImportMachinesService(MachineStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ImportSummary importMachines(
      RecordSource<Machine> source, ImportOptions options, ImportListener listener) {
    return run(source, options, listener);
  }

  @Override
  ImportSession<Machine> beginImport() {
    return store.beginImport();
  }
}
