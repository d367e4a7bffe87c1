package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.domain.MachineId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

  /** The first and last time stored for the file on the machine, if it was seen there. */
  static Optional<List<Instant>> span(PostgresDatabase database, String sha1, MachineId machine) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT first_seen_ns, last_seen_ns FROM observation"
                            + " WHERE sha1 = ? AND machine_id = ?")
                    .bind(0, sha1.toLowerCase(java.util.Locale.ROOT))
                    .bind(1, machine.value())
                    .map(
                        (row, ctx) ->
                            Arrays.asList(
                                EpochNanos.toInstant((Long) row.getObject(1)),
                                EpochNanos.toInstant((Long) row.getObject(2))))
                    .findOne());
  }
}
