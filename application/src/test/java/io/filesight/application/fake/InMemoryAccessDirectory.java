package io.filesight.application.fake;

import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;

/** Fake secondary adapter: an access configuration held in a field. */
public final class InMemoryAccessDirectory implements AccessDirectory {
  private volatile AccessConfiguration configuration = AccessConfiguration.unconfigured();

  public InMemoryAccessDirectory replace(AccessConfiguration configuration) {
    this.configuration = configuration;
    return this;
  }

  @Override
  public AccessConfiguration accessConfiguration() {
    return configuration;
  }
}
