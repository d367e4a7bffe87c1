package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.JdbcMachineStore;
import io.filesight.adapter.persistence.JdbcStoreContents;
import io.filesight.adapter.persistence.JdbiAccessDirectory;
import io.filesight.adapter.persistence.JdbiMachineRepository;
import io.filesight.adapter.persistence.MachineColumnsReader;
import io.filesight.application.contract.AccessDirectoryContract;
import io.filesight.application.contract.MachineRepositoryContract;
import io.filesight.application.contract.MachineStoreContract;
import io.filesight.application.contract.ObservationStoreContract;
import io.filesight.application.contract.QuotaLedgerContract;
import io.filesight.application.contract.StoreContentsContract;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.application.port.out.StoreContents;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The PostgreSQL adapters keep every out-port's contract, each test on a fresh database. */
class PostgresContractsTest {
  private final List<PostgresDatabase> opened = new ArrayList<>();

  @AfterEach
  void closeDatabases() {
    opened.forEach(PostgresDatabase::close);
    opened.clear();
  }

  private PostgresDatabase database() {
    PostgresDatabase database = TestPostgres.migratedDatabase();
    opened.add(database);
    return database;
  }

  @Nested
  class Lookup extends MachineRepositoryContract {
    @Override
    protected Fixture newFixture() {
      PostgresDatabase database = database();
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      return new Fixture() {
        @Override
        public MachineRepository repository() {
          return repository;
        }

        @Override
        public void addMachine(Machine machine) {
          commit(new JdbcMachineStore(database), List.of(machine));
        }

        @Override
        public void seen(String sha1, String sha256, String md5, MachineId machine) {
          commit(
              new PostgresObservationStore(database),
              List.of(
                  new Observation(
                      FileHash.parse(sha1),
                      sha256 == null ? null : FileHash.parse(sha256),
                      md5 == null ? null : FileHash.parse(md5),
                      null,
                      machine,
                      null)));
        }
      };
    }
  }

  @Nested
  class Access extends AccessDirectoryContract {
    @Override
    protected Fixture newFixture() {
      JdbiAccessDirectory directory = new JdbiAccessDirectory(database());
      return new Fixture() {
        @Override
        public AccessDirectory directory() {
          return directory;
        }

        @Override
        public AccessConfigurationStore store() {
          return directory;
        }
      };
    }
  }

  @Nested
  class Observations extends ObservationStoreContract {
    @Override
    protected Fixture newFixture() {
      PostgresDatabase database = database();
      JdbiMachineRepository repository = new JdbiMachineRepository(database);
      return new Fixture() {
        @Override
        public ObservationStore observations() {
          return new PostgresObservationStore(database);
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
          return PostgresSnapshots.content(database);
        }
      };
    }
  }

  @Nested
  class Machines extends MachineStoreContract {
    @Override
    protected Fixture newFixture() {
      PostgresDatabase database = database();
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
          return PostgresSnapshots.content(database);
        }
      };
    }
  }

  @Nested
  class Quotas extends QuotaLedgerContract {
    @Override
    protected QuotaLedger newLedger() {
      // The contract sets the time of each call; production decides at the database's.
      return new PostgresQuotaLedger(database(), false);
    }
  }

  private static void commit(MachineStore store, List<Machine> machines) {
    try (ImportSession<Machine> session = store.beginImport()) {
      session.append(machines);
      session.commit(true);
    }
  }

  private static void commit(ObservationStore store, List<Observation> observations) {
    try (ImportSession<Observation> session = store.beginImport()) {
      session.append(observations);
      session.commit(true);
    }
  }

  @Nested
  class Contents extends StoreContentsContract {
    @Override
    protected Fixture newFixture() {
      PostgresDatabase database = database();
      JdbiAccessDirectory access = new JdbiAccessDirectory(database);
      return new Fixture() {
        @Override
        public MachineStore machines() {
          return new JdbcMachineStore(database);
        }

        @Override
        public ObservationStore observations() {
          return new PostgresObservationStore(database);
        }

        @Override
        public AccessConfigurationStore access() {
          return access;
        }

        @Override
        public StoreContents contents() {
          return JdbcStoreContents.open(database);
        }
      };
    }
  }
}
