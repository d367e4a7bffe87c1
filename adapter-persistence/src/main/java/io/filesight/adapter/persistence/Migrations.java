package io.filesight.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * How a database is brought to this build's schema, the same on both engines: portable scripts in
 * {@code db/migration/common}, then the engine's own ({@code db/migration/sqlite} or {@code
 * postgresql}); versions are unique across both.
 */
public final class Migrations {
  private Migrations() {}

  /** Flyway's locations for an engine: the portable scripts, then the engine's own. */
  public static String[] locations(String engine) {
    return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + engine};
  }

  /**
   * Applies the pending migrations; with none pending, only reads the schema history, so a start
   * takes no write lock while another process writes.
   *
   * @throws DatabaseConfigurationException when a newer filesight migrated the database
   * @return how many migrations were applied
   */
  public static int apply(Flyway flyway, String database) {
    if (!pending(flyway, database)) {
      return 0;
    }
    return flyway.migrate().migrationsExecuted;
  }

  /**
   * Whether migrations are pending, from a read of the schema history alone.
   *
   * @throws DatabaseConfigurationException when a newer filesight migrated the database
   */
  public static boolean pending(Flyway flyway, String database) {
    return checkedInfo(flyway, database).pending().length > 0;
  }

  /**
   * Where the database's schema stands against this build's, read without changing anything.
   *
   * @throws DatabaseConfigurationException when a newer filesight migrated the database
   */
  public static SchemaStatus status(Flyway flyway, String database) {
    MigrationInfoService info = checkedInfo(flyway, database);
    MigrationInfo current = info.current();
    return new SchemaStatus(
        current == null || current.getVersion() == null
            ? java.util.Optional.empty()
            : java.util.Optional.of(current.getVersion().toString()),
        info.pending().length);
  }

  private static MigrationInfoService checkedInfo(Flyway flyway, String database) {
    MigrationInfoService info = flyway.info();
    List<String> future = new ArrayList<>();
    for (MigrationInfo migration : info.all()) {
      if (migration.getState().name().startsWith("FUTURE")) {
        future.add(migration.getVersion() + " (" + migration.getDescription() + ")");
      }
    }
    if (!future.isEmpty()) {
      throw new DatabaseConfigurationException(
          "the database "
              + database
              + " was migrated by a newer filesight (schema versions "
              + String.join(", ", future)
              + " are unknown to this one): upgrade filesight or use another database");
    }
    return info;
  }
}
