package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteObservationStore;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Machine;
import io.filesight.domain.Observation;
import java.util.List;

/** Writes to a test's database through the import out-ports, one commit each. */
public final class Stores {
  private Stores() {}

  public static StoredCounts machines(SqliteDatabase database, List<Machine> machines) {
    try (ImportSession<Machine> session = new JdbcMachineStore(database).beginImport()) {
      session.append(machines);
      return session.commit(true);
    }
  }

  public static StoredCounts observations(SqliteDatabase database, List<Observation> observations) {
    try (ImportSession<Observation> session = new SqliteObservationStore(database).beginImport()) {
      session.append(observations);
      return session.commit(true);
    }
  }
}
