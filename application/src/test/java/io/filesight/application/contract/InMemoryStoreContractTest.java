package io.filesight.application.contract;

import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The in-memory fake keeps the contracts of the import out-ports. */
class InMemoryStoreContractTest {

  @Nested
  class Observations extends ObservationStoreContract {
    @Override
    protected Fixture newFixture() {
      InMemoryStore store = new InMemoryStore();
      return new Fixture() {
        @Override
        public ObservationStore observations() {
          return store.observationStore();
        }

        @Override
        public MachineStore machines() {
          return store.machineStore();
        }

        @Override
        public MachineRepository repository() {
          return store;
        }

        @Override
        public Optional<Span> span(String sha1, MachineId machine) {
          return store.span(sha1, machine).map(s -> new Span(s.first(), s.last()));
        }

        @Override
        public Object snapshot() {
          return store.snapshot();
        }
      };
    }
  }

  @Nested
  class Machines extends MachineStoreContract {
    @Override
    protected Fixture newFixture() {
      InMemoryStore store = new InMemoryStore();
      return new Fixture() {
        @Override
        public MachineStore machines() {
          return store.machineStore();
        }

        @Override
        public Optional<Machine> machine(MachineId id) {
          return store.machine(id);
        }

        @Override
        public Object snapshot() {
          return store.snapshot();
        }
      };
    }
  }
}
