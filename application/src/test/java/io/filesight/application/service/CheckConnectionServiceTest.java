package io.filesight.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.FakeQuotaLedger;
import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.fake.MutableClock;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.MissingPermissionException;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.RateQuota;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckConnectionServiceTest {
  private final FakeQuotaLedger ledger = new FakeQuotaLedger();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CheckConnectionService service =
      new CheckConnectionService(ledger, RateQuota.defender(), clock);

  private static Caller app(Permission... permissions) {
    return new ApplicationCaller("tenant-1", "app-1", Set.of(permissions));
  }

  private static Caller user(Permission... permissions) {
    return new DelegatedCaller("tenant-1", "app-1", "user-1", Set.of(permissions), Set.of());
  }

  @ParameterizedTest
  @EnumSource(
      value = Permission.class,
      names = {
        "MACHINE_READ_ALL",
        "MACHINE_READ_WRITE_ALL",
        "ALERT_READ_ALL",
        "ALERT_READ_WRITE_ALL"
      })
  void anApplicationWithAMachineOrAlertPermissionPasses(Permission permission) {
    assertThatCode(() -> service.check(app(permission))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(
      value = Permission.class,
      names = {"MACHINE_READ", "MACHINE_READ_WRITE", "ALERT_READ", "ALERT_READ_WRITE"})
  void aUserWithAMachineOrAlertScopePasses(Permission permission) {
    assertThatCode(() -> service.check(user(permission))).doesNotThrowAnyException();
  }

  @Test
  void aTokenWithoutSuchAPermissionIsRefusedNamingTheAlternatives() {
    assertThatThrownBy(() -> service.check(app()))
        .isInstanceOf(MissingPermissionException.class)
        .hasMessageContaining("Machine.Read.All")
        .hasMessageContaining("Alert.Read.All");
    // A delegated permission in an application token is not the application's.
    assertThatThrownBy(() -> service.check(app(Permission.ALERT_READ)))
        .isInstanceOf(MissingPermissionException.class);
    assertThatThrownBy(() -> service.check(user(Permission.ALERT_READ_ALL)))
        .isInstanceOf(MissingPermissionException.class)
        .hasMessageContaining("delegated");
  }

  @Test
  void everyTestCountsAgainstTheApplicationsQuotaEvenWhenRefused() {
    Caller caller = app(Permission.MACHINE_READ_ALL);

    service.check(caller);
    assertThatThrownBy(() -> service.check(app())).isInstanceOf(MissingPermissionException.class);

    assertThat(ledger.admittedCount(caller.quotaKey())).isEqualTo(2);
  }

  @Test
  void testsAndLookupsShareOneQuota() {
    Caller caller = app(Permission.MACHINE_READ_ALL);
    FindRelatedMachinesService lookups =
        new FindRelatedMachinesService(
            new InMemoryStore(),
            new InMemoryAccessDirectory(),
            ledger,
            RateQuota.defender(),
            clock);
    for (int i = 0; i < 50; i++) {
      service.check(caller);
      lookups.find(caller, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07", Page.first());
    }

    assertThatThrownBy(() -> service.check(caller)).isInstanceOf(QuotaExceededException.class);
    assertThatThrownBy(
            () -> lookups.find(caller, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07", Page.first()))
        .isInstanceOf(QuotaExceededException.class);
  }

  @Test
  void overTheQuotaTheTestIsRefusedBeforeThePermissionIsChecked() {
    Caller without = app();
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> service.check(without))
          .isInstanceOf(MissingPermissionException.class);
    }

    assertThatThrownBy(() -> service.check(without)).isInstanceOf(QuotaExceededException.class);
  }
}
