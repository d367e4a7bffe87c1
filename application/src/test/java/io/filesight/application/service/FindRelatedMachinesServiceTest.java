package io.filesight.application.service;

import static io.filesight.application.fake.Machines.id;
import static io.filesight.application.fake.Machines.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.FakeQuotaLedger;
import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.fake.MutableClock;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.InvalidFileHashException;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.MissingPermissionException;
import io.filesight.domain.MissingViewDataException;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.QuotaExceededException;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import io.filesight.domain.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindRelatedMachinesServiceTest {
  private static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final String SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String MD5 = "d41d8cd98f00b204e9800998ecf8427e";
  private static final String UNKNOWN = "0000000000000000000000000000000000000001";

  private static final Caller APP =
      new ApplicationCaller("tenant-1", "app-1", Set.of(Permission.MACHINE_READ_ALL));
  private static final Caller APP_WITHOUT_PERMISSION =
      new ApplicationCaller("tenant-1", "app-2", Set.of());

  private final InMemoryStore repository = new InMemoryStore();
  private final InMemoryAccessDirectory access = new InMemoryAccessDirectory();
  private final FakeQuotaLedger ledger = new FakeQuotaLedger();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FindRelatedMachinesService service =
      new FindRelatedMachinesService(repository, access, ledger, RateQuota.defender(), clock);

  private static DelegatedCaller user(String... groups) {
    return new DelegatedCaller(
        "tenant-1", "app-3", "user-1", Set.of(Permission.MACHINE_READ), Set.of(groups));
  }

  @Test
  void returnsTheMachinesTheFileWasSeenOnInMachineIdOrder() {
    repository.add(machine(2, 0)).add(machine(1, 0)).add(machine(3, 0));
    repository.seen(SHA1, id(2)).seen(SHA1, id(1));

    RelatedMachines result = service.find(APP, SHA1, Page.first());

    assertThat(result)
        .isInstanceOfSatisfying(
            RelatedMachines.Found.class,
            found -> {
              assertThat(found.machines()).extracting(Machine::id).containsExactly(id(1), id(2));
              assertThat(found.nextPage()).isEmpty();
            });
  }

  @Test
  void findsTheSameFileByItsSha256OrMd5OrUppercaseSha1() {
    repository.add(machine(1, 0)).seen(SHA1, SHA256, MD5, id(1));

    for (String fileId : List.of(SHA256, MD5, SHA1.toUpperCase(java.util.Locale.ROOT))) {
      assertThat(service.find(APP, fileId, Page.first()))
          .isInstanceOfSatisfying(
              RelatedMachines.Found.class, f -> assertThat(f.machines()).hasSize(1));
    }
  }

  @Test
  void unknownFileIsReportedAsSuch() {
    assertThat(service.find(APP, UNKNOWN, Page.first()))
        .isInstanceOf(RelatedMachines.UnknownFile.class);
  }

  @Test
  void aFullPageOffersTheNextOne() {
    for (int i = 1; i <= 5; i++) {
      repository.add(machine(i, 0)).seen(SHA1, id(i));
    }

    RelatedMachines.Found first = (RelatedMachines.Found) service.find(APP, SHA1, new Page(0, 2));
    RelatedMachines.Found last = (RelatedMachines.Found) service.find(APP, SHA1, new Page(4, 2));

    assertThat(first.machines()).extracting(Machine::id).containsExactly(id(1), id(2));
    assertThat(first.nextPage()).contains(new Page(2, 2));
    assertThat(last.machines()).extracting(Machine::id).containsExactly(id(5));
    assertThat(last.nextPage()).isEmpty();
  }

  @Test
  void delegatedUserSeesOnlyMachinesOfTheirGroupsAndAnEmptyAnswerForAFileSeenElsewhere() {
    repository.add(machine(1, 140)).add(machine(2, 150)).seen(SHA1, id(1)).seen(SHA1, id(2));
    repository
        .add(machine(3, 150))
        .seen("da39a3ee5e6b4b0d3255bfef95601890afd80709", null, MD5, id(3));
    access.replace(
        AccessConfiguration.of(
            List.of(
                new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of("g-fin")),
                new MachineGroupAccess(new MachineGroup(150, "Labs", 2), Set.of("g-lab"))),
            List.of(new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g-fin")))));

    RelatedMachines.Found seenInGroup =
        (RelatedMachines.Found) service.find(user("g-fin"), SHA1, Page.first());
    RelatedMachines.Found seenOutside =
        (RelatedMachines.Found) service.find(user("g-fin"), MD5, Page.first());

    assertThat(seenInGroup.machines()).extracting(Machine::id).containsExactly(id(1));
    assertThat(seenOutside.machines()).isEmpty();
  }

  @Test
  void onlyDelegatedUsersNeedTheAccessConfiguration() {
    repository.add(machine(1, 140)).seen(SHA1, id(1));
    access.replace(
        AccessConfiguration.of(
            List.of(new MachineGroupAccess(new MachineGroup(140, "Finance", 1), Set.of("g-fin"))),
            List.of(new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g-fin")))));

    RelatedMachines.Found asApp = (RelatedMachines.Found) service.find(APP, SHA1, Page.first());
    assertThat(asApp.machines()).hasSize(1);
    assertThat(access.reads()).isZero();

    RelatedMachines.Found asUser =
        (RelatedMachines.Found) service.find(user("g-fin"), SHA1, Page.first());
    assertThat(asUser.machines()).hasSize(1);
    assertThat(access.reads()).isEqualTo(1);
  }

  @Test
  void delegatedUserWithoutViewDataIsDenied() {
    access.replace(
        AccessConfiguration.of(
            List.of(), List.of(new Role("Tier 1", Set.of(Role.VIEW_DATA), Set.of("g-other")))));

    assertThatThrownBy(() -> service.find(user("g-fin"), SHA1, Page.first()))
        .isInstanceOf(MissingViewDataException.class);
  }

  @Test
  void permissionIsCheckedBeforeTheIdSyntax() {
    assertThatThrownBy(() -> service.find(APP_WITHOUT_PERMISSION, "xyz", Page.first()))
        .isInstanceOf(MissingPermissionException.class)
        .hasMessageContaining("Machine.Read.All")
        .hasMessageContaining("Machine.ReadWrite.All");
  }

  @Test
  void idSyntaxIsCheckedBeforeTheLookup() {
    assertThatThrownBy(() -> service.find(APP, "xyz", Page.first()))
        .isInstanceOfSatisfying(
            InvalidFileHashException.class, e -> assertThat(e.value()).isEqualTo("xyz"));
  }

  @Test
  void quotaIsCheckedBeforePermissionAndIdSyntax() {
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> service.find(APP_WITHOUT_PERMISSION, "xyz", Page.first()))
          .isInstanceOf(MissingPermissionException.class);
    }

    assertThatThrownBy(() -> service.find(APP_WITHOUT_PERMISSION, "xyz", Page.first()))
        .isInstanceOf(QuotaExceededException.class);
  }

  @Test
  void theHundredAndFirstCallInAMinuteWaitsUntilTheExactSecondTheFirstLeaves() {
    repository.add(machine(1, 0)).seen(SHA1, id(1));
    for (int i = 0; i < 100; i++) {
      service.find(APP, SHA1, Page.first());
      clock.advance(Duration.ofMillis(100));
    }
    // now = T0 + 10 s; the first call (T0) leaves the minute window at T0 + 60 s.

    assertThatThrownBy(() -> service.find(APP, SHA1, Page.first()))
        .isInstanceOfSatisfying(
            QuotaExceededException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(50));

    clock.advance(Duration.ofSeconds(50).minusNanos(1));
    assertThatThrownBy(() -> service.find(APP, SHA1, Page.first()))
        .isInstanceOfSatisfying(
            QuotaExceededException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    clock.advance(Duration.ofNanos(1));
    assertThat(service.find(APP, SHA1, Page.first())).isInstanceOf(RelatedMachines.Found.class);
  }

  @Test
  void rejectedCallsDoNotCount() {
    QuotaKey key = APP.quotaKey();
    for (int i = 0; i < 100; i++) {
      service.find(APP, UNKNOWN, Page.first());
    }
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> service.find(APP, UNKNOWN, Page.first()))
          .isInstanceOf(QuotaExceededException.class);
    }

    assertThat(ledger.admittedCount(key)).isEqualTo(100);
    clock.advance(Duration.ofSeconds(60));
    assertThat(service.find(APP, UNKNOWN, Page.first()))
        .isInstanceOf(RelatedMachines.UnknownFile.class);
  }

  @Test
  void theFifteenHundredAndFirstCallInAnHourIsRejectedUntilTheFirstLeavesTheHour() {
    // 1500 calls, 2.4 s apart (25 a minute): only the hourly limit can bite.
    for (int i = 0; i < 1500; i++) {
      assertThat(service.find(APP, UNKNOWN, Page.first()))
          .isInstanceOf(RelatedMachines.UnknownFile.class);
      clock.advance(Duration.ofMillis(2400));
    }
    // now = T0 + 3600 s exactly: the first call leaves the window now, so one more is admitted.
    assertThat(service.find(APP, UNKNOWN, Page.first()))
        .isInstanceOf(RelatedMachines.UnknownFile.class);

    // The next one: the second call (T0 + 2.4 s) leaves at T0 + 3602.4 s.
    assertThatThrownBy(() -> service.find(APP, UNKNOWN, Page.first()))
        .isInstanceOfSatisfying(
            QuotaExceededException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(3));
  }

  @Test
  void quotasAreCountedPerApplication() {
    Caller other = new ApplicationCaller("tenant-1", "app-9", Set.of(Permission.MACHINE_READ_ALL));
    for (int i = 0; i < 100; i++) {
      service.find(APP, UNKNOWN, Page.first());
    }

    assertThat(service.find(other, UNKNOWN, Page.first()))
        .isInstanceOf(RelatedMachines.UnknownFile.class);
    assertThat(Optional.of(ledger.admittedCount(other.quotaKey()))).contains(1);
  }
}
