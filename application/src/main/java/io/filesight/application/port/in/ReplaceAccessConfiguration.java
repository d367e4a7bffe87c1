package io.filesight.application.port.in;

import io.filesight.domain.AccessConfiguration;

/**
 * Primary port: replaces the tenant's RBAC configuration (machine groups and roles) as a whole, so
 * that a reader sees the old one or the new one, never a mix: a half-read configuration would show
 * users the wrong machines.
 */
public interface ReplaceAccessConfiguration {

  /**
   * Replaces the configuration with {@code configuration}, read whole from {@code source}.
   *
   * @return read and inserted count the machine groups and roles
   * @throws ImportFailedException when the store fails; the previous configuration then stays
   */
  ImportSummary replaceAccessConfiguration(String source, AccessConfiguration configuration);
}
