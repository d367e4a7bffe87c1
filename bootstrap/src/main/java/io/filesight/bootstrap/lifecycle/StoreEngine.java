package io.filesight.bootstrap.lifecycle;

import com.google.inject.Module;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.Settings;
import io.filesight.bootstrap.wiring.PostgresModule;
import io.filesight.bootstrap.wiring.SqliteModule;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database a command runs on, opened, with the wiring of what differs between the engines
 * (observation imports, the quota ledger). Start-up follows one policy for both: a setting that
 * cannot work exits 2 naming {@code --db}; an outage (PostgreSQL unreachable, another process's
 * write lock on a SQLite file that must be migrated) is waited for, within a bound.
 */
final class StoreEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreEngine.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

  private final Database database;
  private final Module module;
  private final String setting;

  private StoreEngine(Database database, Module module, String setting) {
    this.database = database;
    this.module = module;
    this.setting = setting;
  }

  /**
   * The database, not opened yet ({@link #awaitReady} opens it): a SQLite file checked to be one, a
   * PostgreSQL pool not connected. A SQLite writer waits at most {@code wait} for another process's
   * write lock; {@code setting} is named in errors.
   *
   * @throws DatabaseUnavailableException when there is no SQLite database at the path (and it may
   *     not be created) or the file is not one
   */
  static StoreEngine open(DatabaseLocation location, String setting, Duration wait) {
    try {
      if (location instanceof DatabaseLocation.SqliteFile file) {
        SqliteDatabase sqlite = SqliteDatabase.create(file.file(), file.createIfMissing(), wait);
        return new StoreEngine(sqlite, new SqliteModule(sqlite), setting);
      }
      PostgresDatabase postgres =
          PostgresDatabase.create(((DatabaseLocation.Postgres) location).settings());
      return new StoreEngine(postgres, new PostgresModule(postgres), setting);
    } catch (DatabaseConfigurationException e) {
      throw new ConfigurationException(Settings.describe(setting) + ": " + e.getMessage(), e);
    }
  }

  Database database() {
    return database;
  }

  /** The wiring of the engine's own adapters. */
  Module module() {
    return module;
  }

  /**
   * Waits until the database can be used: SQLite migrates (only reading when nothing is pending; a
   * pending migration waits for another process's write lock within the bound given at {@link
   * #open}); PostgreSQL connects and migrates, trying again with a growing pause while the server
   * cannot be reached, for at most {@code bound}.
   *
   * @throws ConfigurationException when the setting cannot work (wrong user or password, no such
   *     database, a newer schema): waiting will not help
   * @throws DatabaseUnavailableException when the database could not be opened within the bound
   */
  void awaitReady(Duration bound) {
    await(bound, false);
  }

  /** Waits as {@link #awaitReady} does, and checks a SQLite file with {@code quick_check}. */
  void awaitReadyToServe(Duration bound) {
    await(bound, true);
  }

  private void await(Duration bound, boolean quickCheck) {
    if (database instanceof SqliteDatabase sqlite) {
      try {
        sqlite.migrate(quickCheck);
      } catch (DatabaseConfigurationException e) {
        throw new ConfigurationException(Settings.describe(setting) + ": " + e.getMessage(), e);
      }
      return;
    }
    PostgresDatabase postgres = (PostgresDatabase) database;
    long deadline = System.nanoTime() + bound.toNanos();
    Duration pause = FIRST_RETRY;
    while (true) {
      try {
        postgres.migrate();
        LOG.info("database {} ready", postgres.name());
        return;
      } catch (DatabaseConfigurationException e) {
        throw new ConfigurationException(Settings.describe(setting) + ": " + e.getMessage(), e);
      } catch (DatabaseUnavailableException e) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new DatabaseUnavailableException(
              e.getMessage() + " (waited " + bound.toSeconds() + " s; see --db-wait)", e);
        }
        LOG.warn("waiting for the database: {}", e.getMessage());
        sleep(Duration.ofNanos(Math.min(left, pause.toNanos())));
        Duration doubled = pause.multipliedBy(2);
        pause = doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
      }
    }
  }

  @Override
  public void close() {
    database.close();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
    }
  }
}
