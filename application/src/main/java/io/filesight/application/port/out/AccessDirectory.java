package io.filesight.application.port.out;

import io.filesight.domain.AccessConfiguration;

/** Secondary port: the tenant's RBAC configuration (machine groups, roles, user groups). */
public interface AccessDirectory {

  /** The current configuration; {@link AccessConfiguration#unconfigured()} before any import. */
  AccessConfiguration accessConfiguration();
}
