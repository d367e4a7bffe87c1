package io.filesight.domain;

/** The outcome of {@link RateQuota#decide}: the call is admitted, or rejected with the wait. */
public sealed interface QuotaDecision {

  /**
   * The call is admitted and counts against the quota.
   *
   * @param limit the limit with the fewest calls left after this one
   * @param remaining calls left under that limit after this one
   * @param resetSeconds whole seconds until that limit admits a further call when exhausted
   */
  record Admitted(RateLimit limit, int remaining, long resetSeconds) implements QuotaDecision {}

  /**
   * The call is rejected and does not count.
   *
   * @param limit the limit that rejected it (the one that frees last)
   * @param retryAfterSeconds the smallest whole number of seconds after which a call is admitted
   */
  record Rejected(RateLimit limit, long retryAfterSeconds) implements QuotaDecision {}
}
