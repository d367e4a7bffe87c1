package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.application.contract.MachineRepositoryContract;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite adapter keeps the {@link MachineRepositoryContract}. */
class JdbiMachineRepositoryContractTest extends MachineRepositoryContract {
  @TempDir Path directory;
  private SqliteDatabase database;

  @Override
  protected Fixture newFixture() {
    database = SqliteDatabase.open(directory.resolve("filesight.db"), true);
    JdbiMachineRepository repository = new JdbiMachineRepository(database);
    return new Fixture() {
      @Override
      public MachineRepository repository() {
        return repository;
      }

      @Override
      public void addMachine(Machine machine) {
        Stores.machines(database, List.of(machine));
      }

      @Override
      public void seen(String sha1, String sha256, String md5, MachineId machine) {
        Observation observation =
            new Observation(
                FileHash.parse(sha1),
                sha256 == null ? null : FileHash.parse(sha256),
                md5 == null ? null : FileHash.parse(md5),
                null,
                machine,
                null);
        Stores.observations(database, List.of(observation));
      }
    };
  }

  @AfterEach
  void close() {
    database.close();
  }
}
