package io.filesight.application.service;

import io.filesight.application.port.in.AgreeOnQuota;
import io.filesight.application.port.in.QuotaPolicyMismatchException;
import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.domain.RateQuota;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: the quota policy shared through the store. It is also the quota the lookups and
 * connection tests enforce ({@link #get}), so that a policy adopted by {@link #refresh} applies to
 * the next call.
 */
public final class AgreeOnQuotaService implements AgreeOnQuota, Supplier<RateQuota> {
  private final QuotaPolicyStore store;
  private volatile RateQuota inForce;
  private RateQuota unstored;

  /** Enforces {@code initial} until {@link #agree} or {@link #refresh} says otherwise. */
  public AgreeOnQuotaService(QuotaPolicyStore store, RateQuota initial) {
    this.store = Objects.requireNonNull(store, "store");
    this.inForce = Objects.requireNonNull(initial, "initial");
  }

  @Override
  public synchronized RateQuota agree(RateQuota asked, boolean replace) {
    Objects.requireNonNull(asked, "asked");
    if (replace) {
      // Without reading first: a policy this build cannot read is what a replacement repairs.
      store.replace(asked);
      unstored = null;
      inForce = asked;
      return asked;
    }
    Optional<RateQuota> stored = store.stored();
    if (stored.isPresent() && !stored.get().equals(asked)) {
      throw new QuotaPolicyMismatchException(stored.get(), asked);
    }
    unstored = stored.isPresent() ? null : asked;
    inForce = asked;
    return asked;
  }

  @Override
  public synchronized RateQuota settle() {
    if (unstored != null) {
      inForce = store.storeIfAbsent(unstored);
      unstored = null;
    }
    return inForce;
  }

  @Override
  public synchronized RateQuota refresh() {
    settle();
    store.stored().ifPresent(stored -> inForce = stored);
    return inForce;
  }

  @Override
  public RateQuota inForce() {
    return inForce;
  }

  /** The quota enforced now, read on every decision. */
  @Override
  public RateQuota get() {
    return inForce;
  }
}
