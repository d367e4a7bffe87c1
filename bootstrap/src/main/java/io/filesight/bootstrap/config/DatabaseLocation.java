package io.filesight.bootstrap.config;

import io.filesight.adapter.persistence.postgres.PostgresSettings;
import java.io.IOException;
import java.nio.file.Files;
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
   * Whether {@code other} surely names this same database: the same file, or the same URL (two host
   * names of one server are not recognised).
   */
  boolean sameAs(DatabaseLocation other);

  /** This database reached through {@code connections} pooled connections (PostgreSQL only). */
  DatabaseLocation withPoolSize(int connections);

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

    /** One writer and a few readers, whatever is asked: SQLite has one writer at a time. */
    @Override
    public DatabaseLocation withPoolSize(int connections) {
      return this;
    }

    @Override
    public boolean sameAs(DatabaseLocation other) {
      if (!(other instanceof SqliteFile that)) {
        return false;
      }
      Path mine = file.toAbsolutePath().normalize();
      Path theirs = that.file.toAbsolutePath().normalize();
      try {
        return mine.equals(theirs)
            || (Files.exists(mine) && Files.exists(theirs) && Files.isSameFile(mine, theirs));
      } catch (IOException e) {
        return false;
      }
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

    /** The user the database is reached as, or null when none is set. */
    public String user() {
      return settings.user();
    }

    /** Whether a password is set, for messages that must not show it. */
    public boolean hasPassword() {
      return settings.password() != null && !settings.password().isEmpty();
    }

    @Override
    public DatabaseLocation withPoolSize(int connections) {
      return new Postgres(settings.withPoolSize(connections));
    }

    @Override
    public boolean sameAs(DatabaseLocation other) {
      return other instanceof Postgres that && settings.url().equals(that.settings.url());
    }

    @Override
    public String toString() {
      return "Postgres[" + settings + "]";
    }
  }
}
