package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import io.filesight.adapter.imports.DefenderFiles;
import io.filesight.adapter.persistence.SqliteDatabase;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.bootstrap.wiring.ImportModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import java.nio.file.Path;

/**
 * Lifecycle of a store opened for the command line: the database, the import use cases over it and
 * the Defender-files adapter that reads exports into them. The command line imports through this
 * facade and never sees the adapters; {@link #close()} closes the database.
 */
public final class FilesightStore implements AutoCloseable {
  private final SqliteDatabase database;
  private final DefenderFiles files;

  private FilesightStore(SqliteDatabase database, DefenderFiles files) {
    this.database = database;
    this.files = files;
  }

  /**
   * Opens the database at {@code file}, created when missing (the first import makes it).
   *
   * @throws io.filesight.application.port.out.StoreUnavailableException when it cannot be opened
   */
  public static FilesightStore open(Path file) {
    SqliteDatabase database = SqliteDatabase.open(file, true);
    try {
      DefenderFiles files =
          Guice.createInjector(new PersistenceModule(database, 0), new ImportModule())
              .getInstance(DefenderFiles.class);
      return new FilesightStore(database, files);
    } catch (RuntimeException e) {
      database.close();
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
    database.close();
  }
}
