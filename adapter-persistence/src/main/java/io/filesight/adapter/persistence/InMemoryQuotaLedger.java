package io.filesight.adapter.persistence;

import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Secondary adapter: admitted calls counted in this process's memory, for a single instance. Keeps
 * per key only the calls the quota can still need, and forgets keys idle for longer than the
 * quota's horizon, so memory stays bounded however many keys call.
 */
public final class InMemoryQuotaLedger implements QuotaLedger {
  private static final int SWEEP_EVERY = 1024;

  private final Map<QuotaKey, Calls> calls = new ConcurrentHashMap<>();
  private final AtomicLong decisions = new AtomicLong();

  @Override
  public QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now) {
    if (decisions.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(quota, now);
    }
    while (true) {
      Calls keyCalls = calls.computeIfAbsent(key, k -> new Calls());
      synchronized (keyCalls) {
        if (keyCalls.evicted) {
          continue; // lost a race with sweep: take the fresh entry
        }
        keyCalls.forgetBefore(now.minus(quota.horizon()));
        QuotaDecision decision = quota.decide(new ArrayList<>(keyCalls.admitted), now);
        if (decision instanceof QuotaDecision.Admitted) {
          keyCalls.admitted.addLast(now);
          while (keyCalls.admitted.size() > quota.memory()) {
            keyCalls.admitted.removeFirst();
          }
        }
        return decision;
      }
    }
  }

  /** How many keys are held, for tests of the memory bound. */
  int keyCount() {
    return calls.size();
  }

  /** Drops every key whose admitted calls are all older than the horizon. */
  void sweep(RateQuota quota, Instant now) {
    Instant cutoff = now.minus(quota.horizon());
    Iterator<Map.Entry<QuotaKey, Calls>> entries = calls.entrySet().iterator();
    while (entries.hasNext()) {
      Calls keyCalls = entries.next().getValue();
      synchronized (keyCalls) {
        keyCalls.forgetBefore(cutoff);
        if (keyCalls.admitted.isEmpty()) {
          keyCalls.evicted = true;
          entries.remove();
        }
      }
    }
  }

  /** The admitted call times of one key, oldest first, guarded by its own monitor. */
  private static final class Calls {
    final ArrayDeque<Instant> admitted = new ArrayDeque<>();
    boolean evicted;

    void forgetBefore(Instant cutoff) {
      while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(cutoff)) {
        admitted.removeFirst();
      }
    }
  }
}
