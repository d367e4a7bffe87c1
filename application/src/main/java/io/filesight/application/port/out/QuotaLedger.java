package io.filesight.application.port.out;

import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Instant;

/**
 * Secondary port: where admitted calls are counted, shared by every instance that shares limits.
 */
public interface QuotaLedger {

  /**
   * Atomically decides a call at {@code now} with {@link RateQuota#decide} over the calls admitted
   * for {@code key}, and records it when admitted. Rejected calls are not recorded.
   */
  QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now);
}
