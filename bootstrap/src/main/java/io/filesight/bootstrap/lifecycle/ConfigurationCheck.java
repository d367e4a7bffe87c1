package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.SchemaStatus;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.Settings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code filesight check-config} checks beyond parsing: that the dependencies a server would
 * start with answer now, once each, without waiting and without changing them. The database is
 * opened read-only and never migrated; the signing keys are read once. Failures are classified as
 * at start: a setting that cannot work is a {@link ConfigurationException}, an outage any other
 * exception.
 */
public final class ConfigurationCheck {
  private ConfigurationCheck() {}

  /**
   * Checks the database and the signing keys of {@code settings}.
   *
   * @return one line per dependency, saying what was found
   * @throws ConfigurationException when a setting cannot work (wrong credentials, a newer schema)
   * @throws RuntimeException when a dependency cannot be reached or read now
   */
  public static List<String> run(ServerSettings settings) {
    List<String> findings = new ArrayList<>();
    findings.add("database: " + database(settings.database()));
    NimbusAccessTokenVerifier keys = new NimbusAccessTokenVerifier(settings.tokens());
    keys.awaitSigningKeys(Duration.ZERO);
    findings.add("keys: signing keys loaded from " + keys.keySource().describe());
    return findings;
  }

  private static String database(DatabaseLocation location) {
    try {
      if (location instanceof DatabaseLocation.SqliteFile sqlite) {
        if (sqlite.createIfMissing() && !Files.exists(sqlite.file())) {
          return sqlite.describe() + " does not exist yet; serve --create will create it";
        }
        return sqlite.describe() + ": " + schema(SqliteDatabase.inspect(sqlite.file()));
      }
      try (PostgresDatabase postgres =
          PostgresDatabase.create(((DatabaseLocation.Postgres) location).settings())) {
        return location.describe() + ": " + schema(postgres.inspect());
      }
    } catch (DatabaseConfigurationException e) {
      throw new ConfigurationException(Settings.describe("--db") + ": " + e.getMessage(), e);
    }
  }

  private static String schema(SchemaStatus status) {
    String version = status.version().map(v -> "schema version " + v).orElse("no schema yet");
    return status.pending() == 0
        ? version + ", up to date"
        : version + ", " + status.pending() + " migration(s) to apply at start";
  }
}
