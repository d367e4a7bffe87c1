package io.filesight.adapter.persistence;

import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.adapter.persistence.postgres.TestPostgres;
import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.port.out.ImportSession;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What imports committed, read back from the store on either engine. */
class ImportTotalsTest {
  @TempDir Path dir;

  @Test
  void sqliteCountsCommittedRecordsAndStampsCompletedImports() {
    try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("totals.db"), true)) {
      countsCommittedRecordsAndStampsCompletedImports(database);
    }
  }

  @Test
  void postgresCountsCommittedRecordsAndStampsCompletedImports() {
    try (Database database = TestPostgres.migratedDatabase()) {
      countsCommittedRecordsAndStampsCompletedImports(database);
    }
  }

  private static void countsCommittedRecordsAndStampsCompletedImports(Database database) {
    ImportTotals totals = new ImportTotals(database);
    JdbcMachineStore machines = new JdbcMachineStore(database);
    assertThat(totals.records(ImportTotals.MACHINES)).isZero();
    assertThat(totals.lastCompletedAtMillis(ImportTotals.MACHINES)).isEmpty();

    try (ImportSession<Machine> interrupted = machines.beginImport()) {
      interrupted.append(List.of(machine(1), machine(2)));
      interrupted.commit(false);
      // Appended, never committed: rolled back by close.
      interrupted.append(List.of(machine(3)));
    }

    assertThat(totals.records(ImportTotals.MACHINES)).isEqualTo(2);
    assertThat(totals.lastCompletedAtMillis(ImportTotals.MACHINES)).isEmpty();

    long started = System.currentTimeMillis();
    try (ImportSession<Machine> completed = machines.beginImport()) {
      completed.append(List.of(machine(3)));
      completed.commit(true);
    }

    assertThat(totals.records(ImportTotals.MACHINES)).isEqualTo(3);
    assertThat(totals.lastCompletedAtMillis(ImportTotals.MACHINES).orElseThrow())
        .isGreaterThanOrEqualTo(started);
    assertThat(totals.records(ImportTotals.OBSERVATIONS)).isZero();
  }

  private static Machine machine(int n) {
    return Machine.builder(MachineId.of(String.format("%040x", n))).with(RBAC_GROUP_ID, 1L).build();
  }
}
