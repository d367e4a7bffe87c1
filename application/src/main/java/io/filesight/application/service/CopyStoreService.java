package io.filesight.application.service;

import io.filesight.application.port.in.CopyStore;
import io.filesight.application.port.in.CopySummary;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportMachines;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ParsedRecord;
import io.filesight.application.port.in.RecordSource;
import io.filesight.application.port.in.ReplaceAccessConfiguration;
import io.filesight.application.port.out.StoreContents;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.Machine;
import io.filesight.domain.Observation;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Use case: copies the {@link StoreContents} of another store into this one through this one's
 * import use cases, so that the copy follows the imports' rules (batches, idempotence, counts).
 */
public final class CopyStoreService implements CopyStore {
  private final StoreContents from;
  private final ImportMachines machines;
  private final ImportObservations observations;
  private final ReplaceAccessConfiguration access;

  public CopyStoreService(
      StoreContents from,
      ImportMachines machines,
      ImportObservations observations,
      ReplaceAccessConfiguration access) {
    this.from = Objects.requireNonNull(from, "from");
    this.machines = Objects.requireNonNull(machines, "machines");
    this.observations = Objects.requireNonNull(observations, "observations");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public CopySummary copy(ImportOptions options, ImportListener listener) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    ImportSummary copiedMachines;
    try (RecordSource<Machine> source =
        new StoredRecords<>(from.name() + " machines", from::machines)) {
      copiedMachines = machines.importMachines(source, options, listener);
    }
    ImportSummary copiedObservations;
    try (RecordSource<Observation> source =
        new StoredRecords<>(from.name() + " observations", from::observations)) {
      copiedObservations = observations.importObservations(source, options, listener);
    }
    Optional<AccessConfiguration> configuration;
    try {
      configuration = from.accessConfiguration();
    } catch (StoreUnavailableException e) {
      throw new ImportFailedException(from.name() + " access", 0, e.getMessage(), e);
    }
    Optional<ImportSummary> copiedAccess =
        configuration.map(c -> access.replaceAccessConfiguration(from.name() + " access", c));
    return new CopySummary(copiedMachines, copiedObservations, copiedAccess);
  }

  /**
   * Stored rows as a record source: a row's number stands for its line, and rows stand for bytes in
   * the progress, whose share is all that is shown of them.
   */
  private static final class StoredRecords<T> implements RecordSource<T> {
    private final String name;
    private final Supplier<StoreContents.Rows<T>> opening;
    private StoreContents.Rows<T> rows;
    private long values;

    StoredRecords(String name, Supplier<StoreContents.Rows<T>> opening) {
      this.name = name;
      this.opening = opening;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ParsedRecord<T> next() {
      try {
        if (rows == null) {
          rows = opening.get();
        }
        T value = rows.next();
        return value == null ? null : ParsedRecord.accepted(++values, value);
      } catch (StoreUnavailableException e) {
        throw new ImportFailedException(name, values + 1, e.getMessage(), e);
      }
    }

    @Override
    public long bytesRead() {
      return rows == null ? 0 : rows.rowsRead();
    }

    @Override
    public OptionalLong bytesTotal() {
      return rows == null ? OptionalLong.empty() : OptionalLong.of(rows.rowsTotal());
    }

    @Override
    public void close() {
      if (rows != null) {
        rows.close();
      }
    }
  }
}
