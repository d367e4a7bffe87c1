package io.filesight.adapter.persistence;

import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Secondary adapter: admitted calls counted in this process's memory, for a single instance. Keeps
 * per key only the calls the quota can still need, and forgets keys idle for longer than the
 * quota's horizon (looked for at most once a minute), so memory stays bounded however many keys
 * call. A decision reads the key's calls where they are kept, without copying them.
 */
public final class InMemoryQuotaLedger implements QuotaLedger {
  /** How often idle keys are looked for, at most: a sweep reads every key. */
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final Map<QuotaKey, Calls> calls = new ConcurrentHashMap<>();
  private final AtomicLong nextSweepMillis = new AtomicLong(Long.MIN_VALUE);

  @Override
  public QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now) {
    long nowMillis = now.toEpochMilli();
    long due = nextSweepMillis.get();
    if (nowMillis >= due
        && nextSweepMillis.compareAndSet(due, nowMillis + SWEEP_INTERVAL.toMillis())) {
      sweep(quota, now);
    }
    while (true) {
      Calls keyCalls = calls.computeIfAbsent(key, k -> new Calls());
      synchronized (keyCalls) {
        if (keyCalls.evicted) {
          continue; // lost a race with sweep: take the fresh entry
        }
        keyCalls.forgetBefore(now.minus(quota.horizon()));
        // The quota only reads the calls, under this key's monitor.
        QuotaDecision decision = quota.decide(keyCalls, now);
        if (decision instanceof QuotaDecision.Admitted) {
          keyCalls.addLast(now);
          while (keyCalls.size() > quota.memory()) {
            keyCalls.removeFirst();
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
        if (keyCalls.isEmpty()) {
          keyCalls.evicted = true;
          entries.remove();
        }
      }
    }
  }

  /**
   * The admitted call times of one key, oldest first, in a ring that grows as needed; guarded by
   * its own monitor.
   */
  private static final class Calls extends AbstractList<Instant> implements RandomAccess {
    private Instant[] ring = new Instant[4];
    private int first;
    private int size;
    boolean evicted;

    @Override
    public Instant get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return ring[(first + index) & (ring.length - 1)];
    }

    @Override
    public int size() {
      return size;
    }

    void addLast(Instant call) {
      if (size == ring.length) {
        Instant[] grown = new Instant[ring.length * 2];
        for (int i = 0; i < size; i++) {
          grown[i] = get(i);
        }
        ring = grown;
        first = 0;
      }
      ring[(first + size) & (ring.length - 1)] = call;
      size++;
    }

    void removeFirst() {
      ring[first] = null;
      first = (first + 1) & (ring.length - 1);
      size--;
    }

    void forgetBefore(Instant cutoff) {
      while (size > 0 && !ring[first].isAfter(cutoff)) {
        removeFirst();
      }
    }
  }
}
