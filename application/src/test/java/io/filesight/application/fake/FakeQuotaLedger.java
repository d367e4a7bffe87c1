package io.filesight.application.fake;

import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fake secondary adapter: keeps every admitted call, forgets nothing. */
public final class FakeQuotaLedger implements QuotaLedger {
  private final Map<QuotaKey, List<Instant>> admitted = new HashMap<>();

  @Override
  public synchronized QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now) {
    List<Instant> calls = admitted.computeIfAbsent(key, k -> new ArrayList<>());
    QuotaDecision decision = quota.decide(calls, now);
    if (decision instanceof QuotaDecision.Admitted) {
      calls.add(now);
    }
    return decision;
  }

  public synchronized int admittedCount(QuotaKey key) {
    return admitted.getOrDefault(key, List.of()).size();
  }
}
