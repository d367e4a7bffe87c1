package io.filesight.application.contract;

import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.out.MachineRepository;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;

/** The in-memory fake keeps the {@link MachineRepositoryContract}. */
class InMemoryMachineRepositoryContractTest extends MachineRepositoryContract {
  @Override
  protected Fixture newFixture() {
    InMemoryStore repository = new InMemoryStore();
    return new Fixture() {
      @Override
      public MachineRepository repository() {
        return repository;
      }

      @Override
      public void addMachine(Machine machine) {
        repository.add(machine);
      }

      @Override
      public void seen(String sha1, String sha256, String md5, MachineId machine) {
        repository.seen(sha1, sha256, md5, machine);
      }
    };
  }
}
