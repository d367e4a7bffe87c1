package io.filesight.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.FakeQuotaPolicyStore;
import io.filesight.application.port.in.QuotaPolicyMismatchException;
import io.filesight.domain.RateQuota;
import org.junit.jupiter.api.Test;

/** Instances sharing a store agree on one quota policy: the first stored, until replaced. */
class AgreeOnQuotaServiceTest {
  private static final RateQuota DEFENDER = RateQuota.defender();
  private static final RateQuota THREE = RateQuota.parse("3/60s");

  private final FakeQuotaPolicyStore store = new FakeQuotaPolicyStore();

  @Test
  void theFirstStartEnforcesItsQuotaAndStoresItWhenSettling() {
    AgreeOnQuotaService instance = new AgreeOnQuotaService(store, DEFENDER);

    assertThat(instance.agree(THREE, false)).isEqualTo(THREE);

    assertThat(store.writes()).as("agreeing never writes").isZero();
    assertThat(instance.get()).isEqualTo(THREE);

    assertThat(instance.settle()).isEqualTo(THREE);

    assertThat(store.stored()).contains(THREE);
    assertThat(instance.settle()).isEqualTo(THREE);
    assertThat(store.writes()).as("stored once").isEqualTo(1);
  }

  @Test
  void aFirstStartWhosePolicyAnotherInstanceStoredFirstEnforcesTheStoredOne() {
    AgreeOnQuotaService late = new AgreeOnQuotaService(store, THREE);
    late.agree(THREE, false);
    new AgreeOnQuotaService(store, DEFENDER).agree(DEFENDER, true);

    assertThat(late.settle()).isEqualTo(DEFENDER);

    assertThat(late.get()).isEqualTo(DEFENDER);
    assertThat(store.stored()).contains(DEFENDER);
  }

  @Test
  void aRefreshStoresTheQuotaASettleCouldNotStore() {
    AgreeOnQuotaService instance = new AgreeOnQuotaService(store, THREE);
    instance.agree(THREE, false);

    assertThat(instance.refresh()).isEqualTo(THREE);

    assertThat(store.stored()).contains(THREE);
  }

  @Test
  void aStartAskingForTheStoredQuotaWritesNothing() {
    store.storeIfAbsent(DEFENDER);
    int writes = store.writes();

    assertThat(new AgreeOnQuotaService(store, DEFENDER).agree(DEFENDER, false)).isEqualTo(DEFENDER);

    assertThat(store.writes()).isEqualTo(writes);
  }

  @Test
  void aStartAskingForAnotherQuotaIsRefusedNamingBoth() {
    store.storeIfAbsent(DEFENDER);

    assertThatThrownBy(() -> new AgreeOnQuotaService(store, THREE).agree(THREE, false))
        .isInstanceOfSatisfying(
            QuotaPolicyMismatchException.class,
            e -> {
              assertThat(e.stored()).isEqualTo(DEFENDER);
              assertThat(e.asked()).isEqualTo(THREE);
            })
        .hasMessageContaining("100/60s,1500/3600s")
        .hasMessageContaining("3/60s");
    assertThat(store.stored()).contains(DEFENDER);
  }

  @Test
  void aStartThatReplacesStoresItsQuotaForEveryInstance() {
    store.storeIfAbsent(DEFENDER);

    new AgreeOnQuotaService(store, THREE).agree(THREE, true);

    assertThat(store.stored()).contains(THREE);
  }

  @Test
  void aRunningInstanceFollowsAReplacementAtItsNextRefresh() {
    AgreeOnQuotaService running = new AgreeOnQuotaService(store, DEFENDER);
    running.agree(DEFENDER, false);
    new AgreeOnQuotaService(store, THREE).agree(THREE, true);
    assertThat(running.get()).isEqualTo(DEFENDER);

    assertThat(running.refresh()).isEqualTo(THREE);

    assertThat(running.get()).isEqualTo(THREE);
    assertThat(running.inForce()).isEqualTo(THREE);
  }

  @Test
  void aRefreshWithNothingStoredKeepsTheQuotaInForce() {
    AgreeOnQuotaService running = new AgreeOnQuotaService(store, THREE);

    assertThat(running.refresh()).isEqualTo(THREE);
  }
}
