package io.filesight.application.contract;

import static io.filesight.domain.MachineProperty.AAD_DEVICE_ID;
import static io.filesight.domain.MachineProperty.AGENT_VERSION;
import static io.filesight.domain.MachineProperty.COMPUTER_DNS_NAME;
import static io.filesight.domain.MachineProperty.DEFENDER_AV_STATUS;
import static io.filesight.domain.MachineProperty.DEVICE_VALUE;
import static io.filesight.domain.MachineProperty.EXCLUSION_REASON;
import static io.filesight.domain.MachineProperty.EXPOSURE_LEVEL;
import static io.filesight.domain.MachineProperty.FIRST_SEEN;
import static io.filesight.domain.MachineProperty.HEALTH_STATUS;
import static io.filesight.domain.MachineProperty.IP_ADDRESSES;
import static io.filesight.domain.MachineProperty.IS_AAD_JOINED;
import static io.filesight.domain.MachineProperty.IS_EXCLUDED;
import static io.filesight.domain.MachineProperty.IS_POTENTIAL_DUPLICATION;
import static io.filesight.domain.MachineProperty.LAST_EXTERNAL_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_IP_ADDRESS;
import static io.filesight.domain.MachineProperty.LAST_SEEN;
import static io.filesight.domain.MachineProperty.MACHINE_TAGS;
import static io.filesight.domain.MachineProperty.MANAGED_BY;
import static io.filesight.domain.MachineProperty.MANAGED_BY_STATUS;
import static io.filesight.domain.MachineProperty.MERGED_INTO_MACHINE_ID;
import static io.filesight.domain.MachineProperty.ONBOARDING_STATUS;
import static io.filesight.domain.MachineProperty.OS_ARCHITECTURE;
import static io.filesight.domain.MachineProperty.OS_BUILD;
import static io.filesight.domain.MachineProperty.OS_PLATFORM;
import static io.filesight.domain.MachineProperty.OS_PROCESSOR;
import static io.filesight.domain.MachineProperty.OS_VERSION;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_ID;
import static io.filesight.domain.MachineProperty.RBAC_GROUP_NAME;
import static io.filesight.domain.MachineProperty.RISK_SCORE;
import static io.filesight.domain.MachineProperty.VERSION;
import static io.filesight.domain.MachineProperty.VM_METADATA;
import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.application.port.out.MachineRepository;
import io.filesight.application.port.out.MachineSlice;
import io.filesight.domain.DeviceValue;
import io.filesight.domain.ExposureLevel;
import io.filesight.domain.FileHash;
import io.filesight.domain.GroupScope;
import io.filesight.domain.HealthStatus;
import io.filesight.domain.IpAddress;
import io.filesight.domain.Machine;
import io.filesight.domain.MachineId;
import io.filesight.domain.OnboardingStatus;
import io.filesight.domain.OsArchitecture;
import io.filesight.domain.Page;
import io.filesight.domain.RiskScore;
import io.filesight.domain.VmMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the {@link MachineRepository} out-port: every implementation passes these tests
 * through a subclass that says how to seed it.
 */
public abstract class MachineRepositoryContract {
  protected static final String SHA1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  protected static final String SHA256 =
      "a3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  protected static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";
  protected static final String OTHER_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

  /** Seeds one fresh, empty implementation and hands it out. */
  protected interface Fixture {
    MachineRepository repository();

    /** Adds or replaces a machine. */
    void addMachine(Machine machine);

    /** Records that the file ({@code sha256}, {@code md5} nullable) was seen on {@code machine}. */
    void seen(String sha1, String sha256, String md5, MachineId machine);
  }

  /** A fresh, empty implementation. */
  protected abstract Fixture newFixture();

  private Fixture given;

  @BeforeEach
  void freshFixture() {
    given = newFixture();
  }

  @Test
  void neverSeenFileIsEmpty() {
    given.addMachine(machine(1, 0));
    given.seen(OTHER_SHA1, null, null, id(1));

    assertThat(find(SHA1, GroupScope.all(), Page.first())).isEmpty();
  }

  @Test
  void findsTheMachinesAFileWasSeenOnOrderedById() {
    for (int n : new int[] {5, 2, 9, 7}) {
      given.addMachine(machine(n, 0));
      given.seen(SHA1, null, null, id(n));
    }
    given.addMachine(machine(3, 0));
    given.seen(OTHER_SHA1, null, null, id(3));

    MachineSlice slice = find(SHA1, GroupScope.all(), Page.first()).orElseThrow();

    assertThat(ids(slice)).containsExactly(id(2), id(5), id(7), id(9));
    assertThat(slice.hasMore()).isFalse();
  }

  @Test
  void sha256AndMd5FindTheSameMachinesAsSha1() {
    given.addMachine(machine(1, 0));
    given.addMachine(machine(2, 0));
    given.seen(SHA1, SHA256, MD5, id(1));
    given.seen(SHA1, null, null, id(2));

    List<MachineId> bySha1 = ids(find(SHA1, GroupScope.all(), Page.first()).orElseThrow());

    assertThat(bySha1).containsExactly(id(1), id(2));
    assertThat(ids(find(SHA256, GroupScope.all(), Page.first()).orElseThrow())).isEqualTo(bySha1);
    assertThat(ids(find(MD5, GroupScope.all(), Page.first()).orElseThrow())).isEqualTo(bySha1);
  }

  @Test
  void upperCaseHashFindsTheSameMachines() {
    given.addMachine(machine(1, 0));
    given.seen(SHA1, SHA256, null, id(1));

    assertThat(ids(find(SHA256.toUpperCase(), GroupScope.all(), Page.first()).orElseThrow()))
        .containsExactly(id(1));
  }

  @Test
  void pagesWithSkipAndTopAndSaysWhenMoreFollow() {
    for (int n = 1; n <= 5; n++) {
      given.addMachine(machine(n, 0));
      given.seen(SHA1, null, null, id(n));
    }

    MachineSlice first = find(SHA1, GroupScope.all(), new Page(0, 2)).orElseThrow();
    MachineSlice second = find(SHA1, GroupScope.all(), new Page(2, 2)).orElseThrow();
    MachineSlice last = find(SHA1, GroupScope.all(), new Page(4, 2)).orElseThrow();
    MachineSlice exact = find(SHA1, GroupScope.all(), new Page(0, 5)).orElseThrow();

    assertThat(ids(first)).containsExactly(id(1), id(2));
    assertThat(first.hasMore()).isTrue();
    assertThat(ids(second)).containsExactly(id(3), id(4));
    assertThat(second.hasMore()).isTrue();
    assertThat(ids(last)).containsExactly(id(5));
    assertThat(last.hasMore()).isFalse();
    assertThat(exact.hasMore()).isFalse();
  }

  @Test
  void skippingPastTheEndGivesAnEmptySliceOfAKnownFile() {
    given.addMachine(machine(1, 0));
    given.seen(SHA1, null, null, id(1));

    Optional<MachineSlice> slice = find(SHA1, GroupScope.all(), new Page(10, 5));

    assertThat(slice).hasValueSatisfying(s -> assertThat(s.machines()).isEmpty());
    assertThat(slice.orElseThrow().hasMore()).isFalse();
  }

  @Test
  void scopeLimitsMachinesToTheListedGroups() {
    given.addMachine(machine(1, 140));
    given.addMachine(machine(2, 141));
    given.addMachine(machine(3, 0));
    given.addMachine(machine(4, 142));
    for (int n = 1; n <= 4; n++) {
      given.seen(SHA1, null, null, id(n));
    }

    MachineSlice slice =
        find(SHA1, GroupScope.only(Set.of(140L, 0L, 142L)), Page.first()).orElseThrow();

    assertThat(ids(slice)).containsExactly(id(1), id(3), id(4));
  }

  @Test
  void pagingCountsOnlyVisibleMachines() {
    for (int n = 1; n <= 6; n++) {
      given.addMachine(machine(n, n % 2 == 0 ? 140 : 141));
      given.seen(SHA1, null, null, id(n));
    }

    MachineSlice slice = find(SHA1, GroupScope.only(Set.of(140L)), new Page(1, 1)).orElseThrow();

    assertThat(ids(slice)).containsExactly(id(4));
    assertThat(slice.hasMore()).isTrue();
  }

  @Test
  void emptyScopeSeesNoMachineButTheFileIsKnown() {
    given.addMachine(machine(1, 0));
    given.seen(SHA1, null, null, id(1));

    Optional<MachineSlice> slice = find(SHA1, GroupScope.only(Set.of()), Page.first());

    assertThat(slice).hasValueSatisfying(s -> assertThat(s.machines()).isEmpty());
  }

  @Test
  void fileSeenOnlyOnInvisibleMachinesGivesAnEmptySlice() {
    given.addMachine(machine(1, 141));
    given.seen(SHA1, null, null, id(1));

    Optional<MachineSlice> slice = find(SHA1, GroupScope.only(Set.of(140L)), Page.first());

    assertThat(slice).hasValueSatisfying(s -> assertThat(s.machines()).isEmpty());
  }

  @Test
  void observationOfAMachineNotImportedYetAppearsOnceTheMachineIs() {
    given.seen(SHA1, SHA256, null, id(8));

    Optional<MachineSlice> before = find(SHA256, GroupScope.all(), Page.first());
    given.addMachine(machine(8, 0));
    Optional<MachineSlice> after = find(SHA256, GroupScope.all(), Page.first());

    assertThat(before).hasValueSatisfying(s -> assertThat(s.machines()).isEmpty());
    assertThat(after).hasValueSatisfying(s -> assertThat(ids(s)).containsExactly(id(8)));
  }

  @Test
  void replacingAMachineMovesItToItsNewGroup() {
    given.addMachine(machine(1, 140));
    given.seen(SHA1, null, null, id(1));
    given.addMachine(machine(1, 141));

    assertThat(find(SHA1, GroupScope.only(Set.of(140L)), Page.first()).orElseThrow().machines())
        .isEmpty();
    assertThat(ids(find(SHA1, GroupScope.only(Set.of(141L)), Page.first()).orElseThrow()))
        .containsExactly(id(1));
  }

  @Test
  void seeingTheSameFileTwiceOnAMachineListsItOnce() {
    given.addMachine(machine(1, 0));
    given.seen(SHA1, null, null, id(1));
    given.seen(SHA1, SHA256, MD5, id(1));

    assertThat(ids(find(SHA1, GroupScope.all(), Page.first()).orElseThrow()))
        .containsExactly(id(1));
  }

  @Test
  void machinesKeepEveryDefenderProperty() {
    Machine full = fullMachine();
    given.addMachine(full);
    given.seen(SHA1, null, null, full.id());

    Machine found = find(SHA1, GroupScope.all(), Page.first()).orElseThrow().machines().get(0);

    assertThat(found).isEqualTo(full);
  }

  @Test
  void machinesWithOnlyAnIdKeepTheirNullsAndEmptyLists() {
    Machine bare = Machine.builder(id(4)).build();
    given.addMachine(bare);
    given.seen(SHA1, null, null, bare.id());

    Machine found = find(SHA1, GroupScope.all(), Page.first()).orElseThrow().machines().get(0);

    assertThat(found).isEqualTo(bare);
  }

  /** A machine with every property set to a non-default value. */
  protected static Machine fullMachine() {
    return Machine.builder(id(42))
        .with(MERGED_INTO_MACHINE_ID, id(43))
        .with(IS_POTENTIAL_DUPLICATION, true)
        .with(IS_EXCLUDED, true)
        .with(EXCLUSION_REASON, "Duplicate")
        .with(COMPUTER_DNS_NAME, "fin-ws-042.contoso.com")
        .with(FIRST_SEEN, Instant.parse("2024-03-01T08:15:02.1234567Z"))
        .with(LAST_SEEN, Instant.parse("2024-11-20T17:01:59.5Z"))
        .with(OS_PLATFORM, "Windows11")
        .with(OS_VERSION, "10.0.22631")
        .with(OS_PROCESSOR, "x64")
        .with(VERSION, "23H2")
        .with(LAST_IP_ADDRESS, "10.1.2.42")
        .with(LAST_EXTERNAL_IP_ADDRESS, "203.0.113.7")
        .with(AGENT_VERSION, "10.8470.19041.2788")
        .with(OS_BUILD, 22631L)
        .with(HEALTH_STATUS, HealthStatus.IMPAIRED_COMMUNICATION)
        .with(DEVICE_VALUE, DeviceValue.HIGH)
        .with(RBAC_GROUP_ID, 140L)
        .with(RBAC_GROUP_NAME, "Finance \"HQ\", floor 3")
        .with(RISK_SCORE, RiskScore.MEDIUM)
        .with(EXPOSURE_LEVEL, ExposureLevel.LOW)
        .with(IS_AAD_JOINED, true)
        .with(AAD_DEVICE_ID, "80fe8ff8-2624-418e-9591-41f0491218f9")
        .with(MACHINE_TAGS, List.of("finance", "vip, laptop", "ünïcode"))
        .with(DEFENDER_AV_STATUS, "Updated")
        .with(ONBOARDING_STATUS, OnboardingStatus.ONBOARDED)
        .with(OS_ARCHITECTURE, OsArchitecture.BITS_64)
        .with(MANAGED_BY, "Intune")
        .with(MANAGED_BY_STATUS, "Success")
        .with(
            IP_ADDRESSES,
            List.of(
                new IpAddress("10.1.2.42", "00:1A:2B:3C:4D:5E", "Ethernet", "Up"),
                new IpAddress("127.0.0.1", null, "SoftwareLoopback", "Up")))
        .with(VM_METADATA, new VmMetadata("vm-1", "Azure", "/subscriptions/s/vm-1", "s"))
        .build();
  }

  /** A machine with only an id and a group. */
  protected static Machine machine(int n, long group) {
    return Machine.builder(id(n))
        .with(COMPUTER_DNS_NAME, "machine-" + n)
        .with(RBAC_GROUP_ID, group)
        .with(RBAC_GROUP_NAME, group == 0 ? null : "group-" + group)
        .build();
  }

  /** The machine id numbered {@code n}: 40 hex digits that sort by {@code n}. */
  protected static MachineId id(int n) {
    return MachineId.of(String.format("%040x", n));
  }

  private Optional<MachineSlice> find(String hash, GroupScope scope, Page page) {
    return given.repository().findSeenWith(FileHash.parse(hash), scope, page);
  }

  private static List<MachineId> ids(MachineSlice slice) {
    return slice.machines().stream().map(Machine::id).collect(Collectors.toList());
  }
}
