package io.filesight.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A call over the rate quota; carries the rejection with the wait before the next admitted call.
 */
public final class QuotaExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient QuotaDecision.Rejected rejection;
  private final transient RateQuota quota;

  /** A rejection under {@code quota}, the quota in force when the call was decided. */
  public QuotaExceededException(QuotaKey key, RateQuota quota, QuotaDecision.Rejected rejection) {
    this(key, rejection, Objects.requireNonNull(quota, "quota"));
  }

  /** A rejection whose quota is not known to the thrower. */
  public QuotaExceededException(QuotaKey key, QuotaDecision.Rejected rejection) {
    this(key, rejection, null);
  }

  private QuotaExceededException(QuotaKey key, QuotaDecision.Rejected rejection, RateQuota quota) {
    super(
        "Rate limit of "
            + rejection.limit().calls()
            + " calls per "
            + rejection.limit().windowSeconds()
            + " seconds exceeded for application "
            + key.appId()
            + "; retry after "
            + rejection.retryAfterSeconds()
            + " seconds");
    this.rejection = Objects.requireNonNull(rejection);
    this.quota = quota;
  }

  /** The quota that rejected the call, when the thrower said. */
  public Optional<RateQuota> quota() {
    return Optional.ofNullable(quota);
  }

  public QuotaDecision.Rejected rejection() {
    return rejection;
  }

  public long retryAfterSeconds() {
    return rejection.retryAfterSeconds();
  }
}
