package io.filesight.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of the {@link QuotaLedger} out-port, run against every implementation. */
public abstract class QuotaLedgerContract {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final QuotaKey APP = new QuotaKey("tenant", "app");
  private static final RateQuota THREE_PER_10S_FIVE_PER_MINUTE =
      new RateQuota(
          List.of(
              new RateLimit(3, Duration.ofSeconds(10)), new RateLimit(5, Duration.ofSeconds(60))));

  /** A fresh ledger with no calls recorded. */
  protected abstract QuotaLedger newLedger();

  @Test
  void admitsUpToTheLimitThenRejectsWithTheWait() {
    QuotaLedger ledger = newLedger();

    for (int i = 0; i < 3; i++) {
      assertThat(ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(i)))
          .isInstanceOf(QuotaDecision.Admitted.class);
    }
    QuotaDecision fourth = ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(3));

    assertThat(fourth).isInstanceOf(QuotaDecision.Rejected.class);
    // The first call (at T0) leaves the 10 s window at T0+10: 7 s after the fourth call.
    assertThat(((QuotaDecision.Rejected) fourth).retryAfterSeconds()).isEqualTo(7);
  }

  @Test
  void rejectedCallsDoNotCount() {
    QuotaLedger ledger = newLedger();
    for (int i = 0; i < 3; i++) {
      ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0);
    }
    for (int i = 0; i < 10; i++) {
      ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(5));
    }

    QuotaDecision afterWindow =
        ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(10));

    assertThat(afterWindow).isInstanceOf(QuotaDecision.Admitted.class);
  }

  @Test
  void theLongerWindowHoldsAcrossShortWindows() {
    QuotaLedger ledger = newLedger();
    int admitted = 0;
    for (int second = 0; second < 60; second++) {
      if (ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(second))
          instanceof QuotaDecision.Admitted) {
        admitted++;
      }
    }

    assertThat(admitted).isEqualTo(5);
    assertThat(ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0.plusSeconds(60)))
        .isInstanceOf(QuotaDecision.Admitted.class);
  }

  @Test
  void keysAreCountedApart() {
    QuotaLedger ledger = newLedger();
    QuotaKey otherApp = new QuotaKey("tenant", "other-app");
    QuotaKey otherTenant = new QuotaKey("other-tenant", "app");
    for (int i = 0; i < 3; i++) {
      ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0);
    }

    assertThat(ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0))
        .isInstanceOf(QuotaDecision.Rejected.class);
    assertThat(ledger.admit(otherApp, THREE_PER_10S_FIVE_PER_MINUTE, T0))
        .isInstanceOf(QuotaDecision.Admitted.class);
    assertThat(ledger.admit(otherTenant, THREE_PER_10S_FIVE_PER_MINUTE, T0))
        .isInstanceOf(QuotaDecision.Admitted.class);
  }

  @Test
  void reportsTheCallsLeftUnderTheTightestLimit() {
    QuotaLedger ledger = newLedger();

    QuotaDecision first = ledger.admit(APP, THREE_PER_10S_FIVE_PER_MINUTE, T0);

    assertThat(first).isInstanceOf(QuotaDecision.Admitted.class);
    assertThat(((QuotaDecision.Admitted) first).remaining()).isEqualTo(2);
  }

  @Test
  void concurrentCallsNeverExceedTheLimit() throws Exception {
    QuotaLedger ledger = newLedger();
    RateQuota quota = new RateQuota(List.of(new RateLimit(100, Duration.ofSeconds(60))));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        calls.add(() -> ledger.admit(APP, quota, T0) instanceof QuotaDecision.Admitted);
      }
      int admitted = 0;
      for (Future<Boolean> result : pool.invokeAll(calls)) {
        admitted += result.get() ? 1 : 0;
      }

      assertThat(admitted).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }
}
