package io.filesight.application.fake;

import io.filesight.application.port.out.AccessConfigurationStore;
import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake secondary adapter: an access configuration held in a field. */
public final class InMemoryAccessDirectory implements AccessDirectory, AccessConfigurationStore {
  private volatile AccessConfiguration configuration = AccessConfiguration.unconfigured();
  private final AtomicInteger reads = new AtomicInteger();

  @Override
  public void replace(AccessConfiguration configuration) {
    this.configuration = configuration;
  }

  /** Replaces the configuration, for a test's set-up. */
  public InMemoryAccessDirectory with(AccessConfiguration configuration) {
    replace(configuration);
    return this;
  }

  @Override
  public AccessConfiguration accessConfiguration() {
    reads.incrementAndGet();
    return configuration;
  }

  /** How many times the configuration was read. */
  public int reads() {
    return reads.get();
  }
}
