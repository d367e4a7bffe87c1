package io.filesight.bootstrap;

import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every stored row in a stable order, to compare two databases' content. */
final class StoreDump {
  private static final List<String> QUERIES =
      List.of(
          "SELECT * FROM machine ORDER BY id",
          "SELECT * FROM seen_file ORDER BY sha1",
          "SELECT * FROM observation ORDER BY sha1, machine_id",
          "SELECT * FROM access_state",
          "SELECT * FROM machine_group ORDER BY id",
          "SELECT * FROM machine_group_user_group ORDER BY machine_group_id, user_group",
          "SELECT * FROM access_role ORDER BY name",
          "SELECT * FROM access_role_permission ORDER BY role_name, permission",
          "SELECT * FROM access_role_user_group ORDER BY role_name, user_group",
          // An import's bookkeeping, emptied when it completes.
          "SELECT * FROM seen_file_backlog",
          "SELECT * FROM observation_backlog_0 UNION ALL SELECT * FROM observation_backlog_1"
              + " UNION ALL SELECT * FROM observation_backlog_2"
              + " UNION ALL SELECT * FROM observation_backlog_3"
              + " UNION ALL SELECT * FROM observation_backlog_4"
              + " UNION ALL SELECT * FROM observation_backlog_5"
              + " UNION ALL SELECT * FROM observation_backlog_6"
              + " UNION ALL SELECT * FROM observation_backlog_7"
              + " UNION ALL SELECT * FROM observation_backlog_8"
              + " UNION ALL SELECT * FROM observation_backlog_9"
              + " UNION ALL SELECT * FROM observation_backlog_a"
              + " UNION ALL SELECT * FROM observation_backlog_b"
              + " UNION ALL SELECT * FROM observation_backlog_c"
              + " UNION ALL SELECT * FROM observation_backlog_d"
              + " UNION ALL SELECT * FROM observation_backlog_e"
              + " UNION ALL SELECT * FROM observation_backlog_f",
          "SELECT * FROM import_progress ORDER BY source");

  private StoreDump() {}

  static List<Map<String, Object>> of(Path file) {
    try (SqliteDatabase database = SqliteDatabase.open(file, false)) {
      return of(database);
    }
  }

  static List<Map<String, Object>> of(Database database) {
    return database
        .reads()
        .withHandle(
            h -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (String query : QUERIES) {
                rows.addAll(h.createQuery(query).mapToMap().list());
              }
              return rows;
            });
  }
}
