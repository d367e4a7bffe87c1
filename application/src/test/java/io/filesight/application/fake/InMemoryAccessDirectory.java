package io.filesight.application.fake;

import io.filesight.application.port.out.AccessDirectory;
import io.filesight.domain.AccessConfiguration;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake secondary adapter: an access configuration held in a field. */
public final class InMemoryAccessDirectory implements AccessDirectory {
  private volatile AccessConfiguration configuration = AccessConfiguration.unconfigured();
  private final AtomicInteger reads = new AtomicInteger();

  public InMemoryAccessDirectory replace(AccessConfiguration configuration) {
    this.configuration = configuration;
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
