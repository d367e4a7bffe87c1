package io.filesight.domain;

import java.util.Objects;

/**
 * A call over the rate quota; carries the rejection with the wait before the next admitted call.
 */
public final class QuotaExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient QuotaDecision.Rejected rejection;

  public QuotaExceededException(QuotaKey key, QuotaDecision.Rejected rejection) {
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
  }

  public QuotaDecision.Rejected rejection() {
    return rejection;
  }

  public long retryAfterSeconds() {
    return rejection.retryAfterSeconds();
  }
}
