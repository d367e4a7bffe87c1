package io.filesight.bootstrap.lifecycle;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.filesight.adapter.imports.DefenderFiles;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.JdbcStoreContents;
import io.filesight.adapter.persistence.sqlite.SqliteBackup;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.in.CopyStore;
import io.filesight.application.port.in.CopySummary;
import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportListener;
import io.filesight.application.port.in.ImportMachines;
import io.filesight.application.port.in.ImportObservations;
import io.filesight.application.port.in.ImportOptions;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ReplaceAccessConfiguration;
import io.filesight.application.service.CopyStoreService;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.wiring.ImportModule;
import io.filesight.bootstrap.wiring.PersistenceModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Lifecycle of a store opened for the command line: the database (SQLite or PostgreSQL), the import
 * use cases over it and the Defender-files adapter that reads exports into them. The command line
 * imports through this facade and never sees the adapters; {@link #close()} closes the database.
 */
public final class FilesightStore implements AutoCloseable {
  private final StoreEngine store;
  private final Injector imports;
  private final DefenderFiles files;

  private FilesightStore(StoreEngine store, Injector imports) {
    this.store = store;
    this.imports = imports;
    this.files = imports.getInstance(DefenderFiles.class);
  }

  /** Opens the SQLite file at {@code file}, created when missing (the first import makes it). */
  public static FilesightStore open(Path file) {
    return open(
        new DatabaseLocation.SqliteFile(file, true), SqliteDatabase.DEFAULT_WRITE_LOCK_WAIT);
  }

  /**
   * Opens the database, waiting at most {@code wait} for a PostgreSQL server it cannot reach yet,
   * or for another process's write lock on a SQLite file (to migrate it, and at each batch).
   *
   * @throws io.filesight.bootstrap.config.ConfigurationException when the setting cannot work
   * @throws io.filesight.application.port.out.StoreUnavailableException when it cannot be opened
   */
  public static FilesightStore open(DatabaseLocation location, Duration wait) {
    return open(location, wait, "--db");
  }

  /** Opens the database as {@link #open(DatabaseLocation, Duration)}, naming {@code setting}. */
  public static FilesightStore open(DatabaseLocation location, Duration wait, String setting) {
    StoreEngine store = StoreEngine.open(location, setting, wait);
    try {
      store.awaitReady(wait);
      return new FilesightStore(
          store,
          Guice.createInjector(store.module(), new PersistenceModule(0), new ImportModule()));
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

  /**
   * Copies everything the database at {@code from} holds into the one at {@code to}, through the
   * imports (see {@link CopyStore}). {@code from} is opened first, as every command opens a
   * database (migrated to this build's schema), and read in one snapshot; {@code to} is opened, and
   * a SQLite file created, only once {@code from} is open.
   *
   * @throws io.filesight.bootstrap.config.ConfigurationException when either setting cannot work,
   *     naming {@code --from} or {@code --to}
   * @throws ImportFailedException naming the database that failed
   */
  public static CopySummary copy(
      DatabaseLocation from,
      DatabaseLocation to,
      Duration wait,
      ImportOptions options,
      ImportListener listener) {
    try (StoreEngine source = StoreEngine.open(from, "--from", wait)) {
      source.awaitReady(wait);
      try (JdbcStoreContents contents = JdbcStoreContents.open(source.database());
          FilesightStore target = open(to, wait, "--to")) {
        CopyStore copy =
            new CopyStoreService(
                contents,
                target.imports.getInstance(ImportMachines.class),
                target.imports.getInstance(ImportObservations.class),
                target.imports.getInstance(ReplaceAccessConfiguration.class));
        return copy.copy(options, listener);
      }
    }
  }

  /**
   * Runs SQLite's full integrity check on the file at {@code file}, read-only and without migrating
   * it; returns SQLite's findings, none when the file is sound.
   *
   * @throws io.filesight.application.port.out.StoreUnavailableException when the file is no SQLite
   *     database or cannot be read
   */
  public static List<String> verify(Path file) {
    return SqliteDatabase.integrityCheck(file);
  }

  /**
   * Writes a checked copy of the SQLite database at {@code file} to {@code out}, while servers and
   * imports may be using it (see {@link SqliteBackup}).
   *
   * @param replace whether an existing {@code out} is replaced
   * @return the size of the copy in bytes
   * @throws io.filesight.bootstrap.config.ConfigurationException naming {@code --db} when {@code
   *     file} is no SQLite database
   * @throws io.filesight.adapter.persistence.DatabaseUnavailableException when the copy cannot be
   *     made, written or checked; {@code out} is then as it was
   */
  public static long backup(Path file, Path out, boolean replace) {
    try {
      return SqliteBackup.write(file, out, replace);
    } catch (DatabaseConfigurationException e) {
      throw new ConfigurationException(Settings.describe("--db") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
