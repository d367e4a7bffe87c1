package io.filesight.bootstrap.lifecycle;

import io.filesight.adapter.auth.NimbusAccessTokenVerifier;
import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.SchemaStatus;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.bootstrap.config.ConfigurationException;
import io.filesight.bootstrap.config.DatabaseLocation;
import io.filesight.bootstrap.config.Settings;
import io.filesight.domain.RateQuota;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    database(settings, findings);
    NimbusAccessTokenVerifier keys = new NimbusAccessTokenVerifier(settings.tokens());
    keys.awaitSigningKeys(Duration.ZERO);
    findings.add("keys: signing keys loaded from " + keys.keySource().describe());
    return findings;
  }

  /**
   * Adds to {@code findings} what the database holds and how its quota policy compares.
   *
   * @throws ConfigurationException when it stores another quota policy than the one asked for,
   *     which serve would refuse
   */
  private static void database(ServerSettings settings, List<String> findings) {
    DatabaseLocation location = settings.database();
    SchemaStatus status;
    try {
      if (location instanceof DatabaseLocation.SqliteFile sqlite) {
        if (sqlite.createIfMissing() && !Files.exists(sqlite.file())) {
          findings.add(
              "database: "
                  + sqlite.describe()
                  + " does not exist yet; serve --create will create it");
          findings.add(quota(settings, Optional.empty()));
          return;
        }
        status = SqliteDatabase.inspect(sqlite.file());
      } else {
        try (PostgresDatabase postgres =
            PostgresDatabase.create(((DatabaseLocation.Postgres) location).settings())) {
          status = postgres.inspect();
        }
      }
    } catch (DatabaseConfigurationException e) {
      throw new ConfigurationException(Settings.describe("--db") + ": " + e.getMessage(), e);
    }
    Optional<RateQuota> stored = status.quotaPolicy();
    if (stored.isPresent() && !stored.get().equals(settings.quota()) && !settings.replaceQuota()) {
      throw QuotaMismatch.refused(location.describe(), stored.get(), settings.quota());
    }
    findings.add("database: " + location.describe() + ": " + schema(status));
    findings.add(quota(settings, stored));
  }

  private static String quota(ServerSettings settings, Optional<RateQuota> stored) {
    String asked = settings.quota().describe();
    if (stored.isEmpty()) {
      return "quota: " + asked + "; the database stores no policy yet, serve will store this one";
    }
    if (stored.get().equals(settings.quota())) {
      return "quota: " + asked + ", the policy the database stores for every instance";
    }
    return "quota: "
        + asked
        + " will replace the policy "
        + stored.get().describe()
        + " the database stores (--quota-replace)";
  }

  private static String schema(SchemaStatus status) {
    String version = status.version().map(v -> "schema version " + v).orElse("no schema yet");
    return status.pending() == 0
        ? version + ", up to date"
        : version + ", " + status.pending() + " migration(s) to apply at start";
  }
}
