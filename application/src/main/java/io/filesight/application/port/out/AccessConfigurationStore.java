package io.filesight.application.port.out;

import io.filesight.domain.AccessConfiguration;

/** Secondary port: where the tenant's RBAC configuration is written, as a whole. */
public interface AccessConfigurationStore {

  /**
   * Replaces the stored configuration atomically: readers see the old one or the new one.
   *
   * @throws StoreUnavailableException when the store cannot take it; the old one then stays
   */
  void replace(AccessConfiguration configuration);
}
