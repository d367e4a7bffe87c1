package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ReadinessProbe;

/** Secondary adapter: the database is ready when a read of the schema succeeds. */
public final class DatabaseReadinessProbe implements ReadinessProbe {
  private final SqliteDatabase database;

  public DatabaseReadinessProbe(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public void check() {
    // Reads a real table, so a file without the schema is not "ready".
    database
        .reads()
        .useHandle(
            h -> h.createQuery("SELECT configured FROM access_state").mapTo(Boolean.class).one());
  }
}
