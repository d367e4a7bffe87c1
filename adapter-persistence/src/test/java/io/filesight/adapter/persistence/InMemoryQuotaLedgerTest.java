package io.filesight.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryQuotaLedgerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void forgetsKeysWhoseCallsAreAllOlderThanTheHorizon() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    RateQuota quota = RateQuota.defender();
    for (int i = 0; i < 5000; i++) {
      ledger.admit(new QuotaKey("tenant", "app-" + i), quota, T0);
    }
    assertThat(ledger.keyCount()).isEqualTo(5000);

    ledger.admit(new QuotaKey("tenant", "late"), quota, T0.plus(quota.horizon()).plusSeconds(1));
    ledger.sweep(quota, T0.plus(quota.horizon()).plusSeconds(1));

    assertThat(ledger.keyCount()).isEqualTo(1);
  }

  @Test
  void sweepsOnItsOwnAsCallsArrive() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    RateQuota quota = RateQuota.defender();
    Instant later = T0.plus(quota.horizon()).plusSeconds(1);
    for (int i = 0; i < 3000; i++) {
      ledger.admit(new QuotaKey("tenant", "old-" + i), quota, T0);
    }

    for (int i = 0; i < 2000; i++) {
      ledger.admit(new QuotaKey("tenant", "new"), quota, later.plusMillis(i));
    }

    assertThat(ledger.keyCount()).isLessThan(100);
  }

  @Test
  void oneCallAMinuteLaterIsEnoughToForgetIdleKeys() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    RateQuota quota = RateQuota.defender();
    for (int i = 0; i < 3000; i++) {
      ledger.admit(new QuotaKey("tenant", "old-" + i), quota, T0.plusMillis(i));
    }
    Instant afterTheHorizon = T0.plus(quota.horizon()).plusSeconds(10);

    ledger.admit(new QuotaKey("tenant", "new"), quota, afterTheHorizon);

    assertThat(ledger.keyCount()).isEqualTo(1);
  }

  @Test
  void keepsNoMoreCallsThanTheQuotaNeedsButStillCountsTheWindow() {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    RateQuota quota = RateQuota.defender();
    QuotaKey key = new QuotaKey("tenant", "app");
    int admitted = 0;
    // 2000 calls, one every 2.5 s: 100/min never binds, 1500/h does.
    for (int i = 0; i < 2000; i++) {
      if (ledger.admit(key, quota, T0.plusMillis(2500L * i)) instanceof QuotaDecision.Admitted) {
        admitted++;
      }
    }

    // Calls 0..1439 fill the first hour (1440 < 1500), then the hour slides: all admitted.
    assertThat(admitted).isEqualTo(2000);
  }
}
