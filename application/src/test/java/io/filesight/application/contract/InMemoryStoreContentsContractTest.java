package io.filesight.application.contract;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.MachineStore;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoreContents;

class InMemoryStoreContentsContractTest extends StoreContentsContract {
  @Override
  protected Fixture newFixture() {
    InMemoryStore store = new InMemoryStore();
    InMemoryAccessDirectory access = new InMemoryAccessDirectory();
    return new Fixture() {
      @Override
      public MachineStore machines() {
        return store.machineStore();
      }

      @Override
      public ObservationStore observations() {
        return store.observationStore();
      }

      @Override
      public AccessConfigurationStore access() {
        return access;
      }

      @Override
      public StoreContents contents() {
        return store.contents(access);
      }
    };
  }
}
