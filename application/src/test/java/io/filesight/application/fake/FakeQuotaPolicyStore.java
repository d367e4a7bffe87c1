package io.filesight.application.fake;

import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.domain.RateQuota;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Fake secondary adapter: one policy in memory, shared by the instances given the same fake. */
public final class FakeQuotaPolicyStore implements QuotaPolicyStore {
  private final AtomicReference<RateQuota> policy = new AtomicReference<>();
  private final AtomicInteger writes = new AtomicInteger();

  @Override
  public Optional<RateQuota> stored() {
    return Optional.ofNullable(policy.get());
  }

  @Override
  public RateQuota storeIfAbsent(RateQuota quota) {
    writes.incrementAndGet();
    policy.compareAndSet(null, quota);
    return policy.get();
  }

  @Override
  public void replace(RateQuota quota) {
    writes.incrementAndGet();
    policy.set(quota);
  }

  /** How many times a policy was written, whether or not it changed anything. */
  public int writes() {
    return writes.get();
  }
}
