package io.filesight.adapter.persistence;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a database's schema stands against this build's migrations.
 *
 * @param version the schema version applied last, empty for a database never migrated
 * @param pending migrations this build would apply at start
 */
public record SchemaStatus(Optional<String> version, int pending) {
  public SchemaStatus {
    Objects.requireNonNull(version, "version");
    if (pending < 0) {
      throw new IllegalArgumentException("pending must be 0 or more, was " + pending);
    }
  }
}
