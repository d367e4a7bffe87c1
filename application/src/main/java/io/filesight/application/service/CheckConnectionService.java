package io.filesight.application.service;

import io.filesight.application.port.in.CheckConnection;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.AccessPolicy;
import io.filesight.domain.Caller;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateQuota;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Use case: a connector's connection test, counted in the same quota ledger as lookups, so that an
 * application's tests and lookups share its 100 calls a minute.
 */
public final class CheckConnectionService implements CheckConnection {
  private final QuotaLedger quotaLedger;
  private final Supplier<RateQuota> quota;
  private final Clock clock;

  /** A connection test under a fixed quota. */
  public CheckConnectionService(QuotaLedger quotaLedger, RateQuota quota, Clock clock) {
    this(quotaLedger, fixed(quota), clock);
  }

  /** A connection test under whatever quota {@code quota} says is in force at each call. */
  public CheckConnectionService(QuotaLedger quotaLedger, Supplier<RateQuota> quota, Clock clock) {
    this.quotaLedger = Objects.requireNonNull(quotaLedger, "quotaLedger");
    this.quota = Objects.requireNonNull(quota, "quota");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void check(Caller caller) {
    Objects.requireNonNull(caller, "caller");
    // Defender's order: quota, then permission.
    RateQuota inForce = quota.get();
    QuotaDecision decision = quotaLedger.admit(caller.quotaKey(), inForce, clock.instant());
    if (decision instanceof QuotaDecision.Rejected rejected) {
      throw new QuotaExceededException(caller.quotaKey(), inForce, rejected);
    }
    AccessPolicy.requireConnectionTest(caller);
  }

  private static Supplier<RateQuota> fixed(RateQuota quota) {
    Objects.requireNonNull(quota, "quota");
    return () -> quota;
  }
}
