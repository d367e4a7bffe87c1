package io.filesight.bootstrap.config;

import io.filesight.adapter.persistence.postgres.PostgresSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which database a command uses: an embedded SQLite file, or a PostgreSQL server that several
 * instances share. Its {@link #toString()} holds no secret.
 */
public sealed interface DatabaseLocation {

  /** Names the database without credentials, for messages. */
  String describe();

  /**
   * An embedded SQLite file.
   *
   * @param createIfMissing whether a missing file may be created (else opening it fails)
   */
  record SqliteFile(Path file, boolean createIfMissing) implements DatabaseLocation {
    public SqliteFile {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }

  /** A PostgreSQL database, its URL without credentials. */
  record Postgres(PostgresSettings settings) implements DatabaseLocation {
    public Postgres {
      Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String describe() {
      return settings.url();
    }

    @Override
    public String toString() {
      return "Postgres[" + settings + "]";
    }
  }
}
