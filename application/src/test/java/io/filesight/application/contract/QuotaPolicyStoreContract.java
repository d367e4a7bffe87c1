package io.filesight.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.domain.RateQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link QuotaPolicyStore}: what one instance stores, another reads back equal; the
 * first policy stored wins until replaced. Implementations return a store over a fresh database
 * from {@link #newStore()} and, from {@link #sameStore()}, another store over that same database
 * (as a second instance would open it).
 */
public abstract class QuotaPolicyStoreContract {
  private static final RateQuota THREE_PER_MINUTE = RateQuota.parse("3/60s");
  private static final RateQuota CUSTOM = RateQuota.parse("20/1m,400/1h,5000/24h");

  protected abstract QuotaPolicyStore newStore();

  /** Another store over the database of the last {@link #newStore()}. */
  protected abstract QuotaPolicyStore sameStore();

  @Test
  void nothingIsStoredAtFirst() {
    assertThat(newStore().stored()).isEmpty();
  }

  @Test
  void aStoredPolicyIsReadBackEqualByAnotherInstance() {
    QuotaPolicyStore store = newStore();

    assertThat(store.storeIfAbsent(CUSTOM)).isEqualTo(CUSTOM);

    assertThat(sameStore().stored()).contains(CUSTOM);
  }

  @Test
  void theFirstPolicyStoredWins() {
    QuotaPolicyStore store = newStore();
    store.storeIfAbsent(RateQuota.defender());

    assertThat(sameStore().storeIfAbsent(THREE_PER_MINUTE)).isEqualTo(RateQuota.defender());
    assertThat(store.stored()).contains(RateQuota.defender());
  }

  @Test
  void replacingChangesWhatEveryInstanceReads() {
    QuotaPolicyStore store = newStore();
    store.storeIfAbsent(RateQuota.defender());

    store.replace(THREE_PER_MINUTE);

    assertThat(sameStore().stored()).contains(THREE_PER_MINUTE);
  }

  @Test
  void replacingWhenNothingIsStoredStores() {
    newStore().replace(CUSTOM);

    assertThat(sameStore().stored()).contains(CUSTOM);
  }

  @Test
  void ofInstancesStoringAtOnceOnePolicyWinsForAll() throws Exception {
    QuotaPolicyStore first = newStore();
    QuotaPolicyStore second = sameStore();
    ExecutorService starts = Executors.newFixedThreadPool(2);
    try {
      List<Callable<RateQuota>> calls = new ArrayList<>();
      calls.add(() -> first.storeIfAbsent(RateQuota.defender()));
      calls.add(() -> second.storeIfAbsent(THREE_PER_MINUTE));
      List<RateQuota> settled = new ArrayList<>();
      for (Future<RateQuota> result : starts.invokeAll(calls)) {
        settled.add(result.get());
      }

      assertThat(settled.get(0))
          .isEqualTo(settled.get(1))
          .isIn(RateQuota.defender(), THREE_PER_MINUTE);
      assertThat(first.stored()).contains(settled.get(0));
    } finally {
      starts.shutdownNow();
    }
  }
}
