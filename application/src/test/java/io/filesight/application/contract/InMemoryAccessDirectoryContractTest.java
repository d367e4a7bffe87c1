package io.filesight.application.contract;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;

/** The in-memory fake keeps the {@link AccessDirectoryContract}. */
class InMemoryAccessDirectoryContractTest extends AccessDirectoryContract {
  @Override
  protected Fixture newFixture() {
    InMemoryAccessDirectory directory = new InMemoryAccessDirectory();
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
