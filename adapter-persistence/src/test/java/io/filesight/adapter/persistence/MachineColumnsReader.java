package io.filesight.adapter.persistence;

import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads stored rows as the adapters do, on either engine, for tests that look inside a store. */
public final class MachineColumnsReader {
  private MachineColumnsReader() {}

  public static Optional<Machine> machine(Database database, MachineId id) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + MachineColumns.selectList("m")
                            + " FROM machine m WHERE m.id = ?")
                    .bind(0, id.value())
                    .map((row, ctx) -> MachineColumns.read(row))
                    .findOne());
  }

  /** The first and last time stored for the file on the machine, if it was seen there. */
  public static Optional<List<Instant>> span(Database database, String sha1, MachineId machine) {
    return database
        .reads()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT first_seen_ns, last_seen_ns FROM observation"
                            + " WHERE sha1 = ? AND machine_id = ?")
                    .bind(0, sha1.toLowerCase(Locale.ROOT))
                    .bind(1, machine.value())
                    .map(
                        (row, ctx) ->
                            Arrays.asList(
                                EpochNanos.toInstant((Long) row.getObject(1)),
                                EpochNanos.toInstant((Long) row.getObject(2))))
                    .findOne());
  }
}
