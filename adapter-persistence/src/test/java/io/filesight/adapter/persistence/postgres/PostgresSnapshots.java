package io.filesight.adapter.persistence.postgres;

import java.util.ArrayList;
import java.util.List;

/** What a PostgreSQL store holds, read for tests. */
final class PostgresSnapshots {
  /** Every table but the change counters that caches are kept by, each in a stable order. */
  private static final List<String> CONTENT =
      List.of(
          "SELECT * FROM machine ORDER BY id",
          "SELECT * FROM seen_file ORDER BY sha1",
          "SELECT * FROM observation ORDER BY sha1, machine_id",
          "SELECT * FROM import_progress ORDER BY source",
          "SELECT configured FROM access_state",
          "SELECT * FROM machine_group ORDER BY id",
          "SELECT * FROM access_role ORDER BY name");

  private PostgresSnapshots() {}

  static Object content(PostgresDatabase database) {
    return database
        .reads()
        .withHandle(
            h -> {
              List<Object> tables = new ArrayList<>();
              for (String query : CONTENT) {
                tables.add(h.createQuery(query).mapToMap().list());
              }
              return tables;
            });
  }
}
