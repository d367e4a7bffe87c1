package io.filesight.application.service;

import io.filesight.application.port.in.ImportFailedException;
import io.filesight.application.port.in.ImportSummary;
import io.filesight.application.port.in.ReplaceAccessConfiguration;
import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.StoreUnavailableException;
import io.filesight.domain.AccessConfiguration;
import java.util.Objects;

/** Use case: replaces the RBAC configuration in the {@link AccessConfigurationStore} as a whole. */
public final class ReplaceAccessConfigurationService implements ReplaceAccessConfiguration {
  private final AccessConfigurationStore store;

  public ReplaceAccessConfigurationService(AccessConfigurationStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ImportSummary replaceAccessConfiguration(
      String source, AccessConfiguration configuration) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(configuration, "configuration");
    try {
      store.replace(configuration);
    } catch (StoreUnavailableException e) {
      throw new ImportFailedException(source, 0, e.getMessage(), e);
    }
    long entries = configuration.machineGroups().size() + configuration.roles().size();
    return new ImportSummary(entries, entries, 0, 0);
  }
}
