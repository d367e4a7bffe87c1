package io.filesight.adapter.persistence;

import io.filesight.adapter.persistence.sqlite.SqliteDatabase;
import io.filesight.adapter.persistence.sqlite.SqliteObservationStore;
import io.filesight.application.contract.MachineStoreContract;
import io.filesight.application.contract.ObservationStoreContract;
import io.filesight.application.contract.StoreContentsContract;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoreContents;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The SQLite adapters keep the contracts of the import out-ports. */
class SqliteStoresContractTest {

  /** Every table but the change counters that caches are kept by, each in a stable order. */
  private static final List<String> CONTENT =
      List.of(
          "SELECT * FROM machine ORDER BY id",
          "SELECT * FROM seen_file ORDER BY sha1",
          "SELECT * FROM observation ORDER BY sha1, machine_id",
          "SELECT * FROM seen_file_backlog ORDER BY sha1",
          "SELECT * FROM import_progress ORDER BY source",
          "SELECT configured FROM access_state",
          "SELECT * FROM machine_group ORDER BY id",
          "SELECT * FROM access_role ORDER BY name");

  /** A fresh database in a fresh directory, closed with the fixture. */
  private static SqliteDatabase freshDatabase() {
    try {
      Path directory = Files.createTempDirectory("filesight-contract");
      directory.toFile().deleteOnExit();
      return SqliteDatabase.open(directory.resolve("filesight.db"), true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Object snapshot(SqliteDatabase database) {
    return database
        .reads()
        .withHandle(
            h -> {
              List<Object> tables = new ArrayList<>();
              for (String query : CONTENT) {
                tables.add(h.createQuery(query).mapToMap().list());
              }
              for (char digit : "0123456789abcdef".toCharArray()) {
                tables.add(
                    h.createQuery("SELECT * FROM observation_backlog_" + digit + " ORDER BY 1, 2")
                        .mapToMap()
                        .list());
              }
              return tables;
            });
  }

  @Nested
  class Observations extends ObservationStoreContract {
    @Override
    protected Fixture newFixture() {
      SqliteDatabase database = freshDatabase();
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      return new Fixture() {
        @Override
        public ObservationStore observations() {
          return new SqliteObservationStore(database);
        }

        @Override
        public MachineStore machines() {
          return new JdbcMachineStore(database);
        }

        @Override
        public MachineRepository repository() {
          return repository;
        }

        @Override
        public Optional<Span> span(String sha1, MachineId machine) {
          return MachineColumnsReader.span(database, sha1, machine)
              .map(times -> new Span(times.get(0), times.get(1)));
        }

        @Override
        public Object snapshot() {
          return SqliteStoresContractTest.snapshot(database);
        }

        @Override
        public void close() {
          database.close();
        }
      };
    }
  }

  @Nested
  class Machines extends MachineStoreContract {
    @Override
    protected Fixture newFixture() {
      SqliteDatabase database = freshDatabase();
      return new Fixture() {
        @Override
        public MachineStore machines() {
          return new JdbcMachineStore(database);
        }

        @Override
        public Optional<Machine> machine(MachineId id) {
          return MachineColumnsReader.machine(database, id);
        }

        @Override
        public Object snapshot() {
          return SqliteStoresContractTest.snapshot(database);
        }

        @Override
        public void close() {
          database.close();
        }
      };
    }
  }

  @Nested
  class Contents extends StoreContentsContract {
    @Override
    protected Fixture newFixture() {
      SqliteDatabase database = freshDatabase();
      JdbiAccessDirectory access = new JdbiAccessDirectory(database);
      return new Fixture() {
        @Override
        public MachineStore machines() {
          return new JdbcMachineStore(database);
        }

        @Override
        public ObservationStore observations() {
          return new SqliteObservationStore(database);
        }

        @Override
        public AccessConfigurationStore access() {
          return access;
        }

        @Override
        public StoreContents contents() {
          return JdbcStoreContents.open(database);
        }

        @Override
        public void close() {
          database.close();
        }
      };
    }
  }
}
