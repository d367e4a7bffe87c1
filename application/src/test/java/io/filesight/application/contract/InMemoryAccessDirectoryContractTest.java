package io.filesight.application.contract;

import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;

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
      public void replaceAccess(AccessConfiguration configuration) {
        directory.replace(configuration);
      }
    };
  }
}
