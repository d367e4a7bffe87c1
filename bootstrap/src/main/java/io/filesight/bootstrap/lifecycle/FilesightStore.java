package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import io.filesight.adapter.imports.DefenderFiles;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.wiring.ImportModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Lifecycle of a store opened for the command line: the database (SQLite or PostgreSQL), the import
 * use cases over it and the Defender-files adapter that reads exports into them. The command line
 * imports through this facade and never sees the adapters; {@link #close()} closes the database.
 */
public final class FilesightStore implements AutoCloseable {
  private final StoreEngine store;
  private final DefenderFiles files;

  private FilesightStore(StoreEngine store, DefenderFiles files) {
    this.store = store;
    this.files = files;
  }

  /** Opens the SQLite file at {@code file}, created when missing (the first import makes it). */
  public static FilesightStore open(Path file) {
    return open(new DatabaseLocation.SqliteFile(file, true), ServerSettings.DEFAULT_DATABASE_WAIT);
  }

  /**
   * Opens the database, waiting at most {@code wait} for a PostgreSQL server it cannot reach yet.
   *
   * @throws io.filesight.bootstrap.config.ConfigurationException when the setting cannot work
   * @throws io.filesight.application.port.out.StoreUnavailableException when it cannot be opened
   */
  public static FilesightStore open(DatabaseLocation location, Duration wait) {
    StoreEngine store = StoreEngine.open(location);
    try {
      store.awaitReady(wait);
      DefenderFiles files =
          Guice.createInjector(store.module(), new PersistenceModule(0), new ImportModule())
              .getInstance(DefenderFiles.class);
      return new FilesightStore(store, files);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Imports Defender machine entities from {@code file}.
   *
   * @throws ImportFailedException naming the file and line of what stopped the import
   */
  public ImportSummary importMachines(Path file, ImportOptions options, ImportListener listener) {
    return files.machines(file, options, listener);
  }

  /**
   * Imports observations from {@code file}.
   *
   * @throws ImportFailedException naming the file and line of what stopped the import
   */
  public ImportSummary importObservations(
      Path file, ImportOptions options, ImportListener listener) {
    return files.observations(file, options, listener);
  }

  /**
   * Replaces the access configuration with {@code file}'s.
   *
   * @throws ImportFailedException naming the file and line of the problem
   */
  public ImportSummary replaceAccess(Path file) {
    return files.access(file);
  }

  @Override
  public void close() {
    store.close();
  }
}
