package io.filesight.application.service;

import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.domain.Observation;
import java.util.Objects;

/** Use case: imports observations into the {@link ObservationStore} in batches. */
public final class ImportObservationsService extends RecordImportService<Observation>
    implements ImportObservations {
  private final ObservationStore store;

  public ImportObservationsService(ObservationStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ImportSummary importObservations(
      RecordSource<Observation> source, ImportOptions options, ImportListener listener) {
    return run(source, options, listener);
  }

  @Override
  ImportSession<Observation> beginImport() {
    return store.beginImport();
  }
}
