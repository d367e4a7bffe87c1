package io.filesight.adapter.persistence;

import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.util.Optional;

/** Reads one stored machine as the adapters do, for tests that look inside a store. */
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
}
