package io.filesight.application.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.application.fake.FakeQuotaLedger;
import io.filesight.application.fake.InMemoryAccessDirectory;
import io.filesight.application.fake.InMemoryStore;
import io.filesight.application.fake.Machines;
import io.filesight.application.fake.MutableClock;
import io.filesight.application.port.in.RelatedMachines;
import io.filesight.application.service.FindRelatedMachinesService;
import io.filesight.domain.AccessConfiguration;
import io.filesight.domain.ApplicationCaller;
import io.filesight.domain.Caller;
import io.filesight.domain.DelegatedCaller;
import io.filesight.domain.MachineGroup;
import io.filesight.domain.MachineGroupAccess;
import io.filesight.domain.MachineId;
import io.filesight.domain.MissingPermissionException;
import io.filesight.domain.MissingViewDataException;
import io.filesight.domain.Page;
import io.filesight.domain.Permission;
import io.filesight.domain.RateQuota;
import io.filesight.domain.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test over 500 seeded random access configurations, machines, sightings and callers: the
 * use case returns exactly the related machines the caller may see (never one more), page after
 * page, or refuses as the access rules say. The expectation is computed here from the rules of
 * issue 4, not by {@code AccessPolicy}.
 */
class AccessVisibilityProperties {
  private static final String FILE = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
  private static final List<String> USER_GROUPS = List.of("ug-a", "ug-b", "ug-c", "ug-d");
  private static final long HIGHEST_GROUP_ID = 6;
  private static final int SCENARIOS = 500;

  /** A random tenant: its access setup, machines (by group id), sightings and one caller. */
  record Scenario(
      AccessConfiguration access,
      List<Long> machineGroups,
      Set<Integer> seenOn,
      Caller caller,
      int pageSize) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void returnsExactlyTheRelatedMachinesTheCallerMaySee(long seed) {
    Scenario scenario = scenario(seed);
    InMemoryStore repository = new InMemoryStore();
    for (int i = 0; i < scenario.machineGroups().size(); i++) {
      repository.add(Machines.machine(i, scenario.machineGroups().get(i)));
    }
    // Indexes beyond the imported machines are sightings of machines not imported yet.
    for (int index : scenario.seenOn()) {
      repository.seen(FILE, Machines.id(index));
    }
    FindRelatedMachinesService service =
        new FindRelatedMachinesService(
            repository,
            new InMemoryAccessDirectory().with(scenario.access()),
            new FakeQuotaLedger(),
            RateQuota.defender(),
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

    Optional<Class<? extends RuntimeException>> refusal = expectedRefusal(scenario);
    if (refusal.isPresent()) {
      assertThatThrownBy(() -> service.find(scenario.caller(), FILE, Page.first()))
          .isInstanceOf(refusal.get());
      return;
    }
    if (scenario.seenOn().isEmpty()) {
      assertThat(service.find(scenario.caller(), FILE, Page.first()))
          .isInstanceOf(RelatedMachines.UnknownFile.class);
      return;
    }
    assertThat(allPages(service, scenario)).containsExactlyElementsOf(expectedVisible(scenario));
  }

  @Test
  void scenariosExerciseEveryRule() {
    int refusedPermission = 0;
    int refusedViewData = 0;
    int applicationSeesAll = 0;
    int userSeesSomeButNotAll = 0;
    int userSeesUngroupedOfUnlistedGroup = 0;
    int userMissesUnlistedGroup = 0;
    for (long seed : seeds().toList()) {
      Scenario scenario = scenario(seed);
      Optional<Class<? extends RuntimeException>> refusal = expectedRefusal(scenario);
      if (refusal.isPresent()) {
        refusedPermission += refusal.get() == MissingPermissionException.class ? 1 : 0;
        refusedViewData += refusal.get() == MissingViewDataException.class ? 1 : 0;
        continue;
      }
      int seenImported = 0;
      for (int index : scenario.seenOn()) {
        if (index < scenario.machineGroups().size()) {
          seenImported++;
          long group = scenario.machineGroups().get(index);
          boolean listed = scenario.access().machineGroup(group).isPresent();
          boolean user =
              scenario.caller() instanceof DelegatedCaller && scenario.access().configured();
          userSeesUngroupedOfUnlistedGroup += user && !listed && group == 0 ? 1 : 0;
          userMissesUnlistedGroup += user && !listed && group != 0 ? 1 : 0;
        }
      }
      int visible = expectedVisible(scenario).size();
      if (scenario.caller() instanceof ApplicationCaller && visible > 0) {
        applicationSeesAll++;
      }
      if (scenario.caller() instanceof DelegatedCaller && visible > 0 && visible < seenImported) {
        userSeesSomeButNotAll++;
      }
    }
    Map<String, Integer> branches = new TreeMap<>();
    branches.put("refused for a missing permission", refusedPermission);
    branches.put("refused for a missing ViewData", refusedViewData);
    branches.put("application sees machines", applicationSeesAll);
    branches.put("user sees some but not all", userSeesSomeButNotAll);
    branches.put("user sees ungrouped machines", userSeesUngroupedOfUnlistedGroup);
    branches.put("user misses an unlisted group", userMissesUnlistedGroup);
    assertThat(branches)
        .allSatisfy((branch, count) -> assertThat(count).as(branch).isGreaterThanOrEqualTo(10));
  }

  private static List<MachineId> allPages(FindRelatedMachinesService service, Scenario scenario) {
    List<MachineId> returned = new ArrayList<>();
    Optional<Page> page = Optional.of(new Page(0, scenario.pageSize()));
    while (page.isPresent()) {
      RelatedMachines result = service.find(scenario.caller(), FILE, page.get());
      assertThat(result).isInstanceOf(RelatedMachines.Found.class);
      RelatedMachines.Found found = (RelatedMachines.Found) result;
      found.machines().forEach(machine -> returned.add(machine.id()));
      page = found.nextPage();
    }
    return returned;
  }

  /** The rules of issue 4, stated independently of AccessPolicy. */
  private static Optional<Class<? extends RuntimeException>> expectedRefusal(Scenario scenario) {
    Caller caller = scenario.caller();
    Set<Permission> held = caller.permissions();
    if (caller instanceof DelegatedCaller user) {
      if (!held.contains(Permission.MACHINE_READ)
          && !held.contains(Permission.MACHINE_READ_WRITE)) {
        return Optional.of(MissingPermissionException.class);
      }
      boolean viewData =
          !scenario.access().configured()
              || scenario.access().roles().stream()
                  .anyMatch(
                      role ->
                          role.permissions().contains(Role.VIEW_DATA)
                              && role.assignedUserGroups().stream()
                                  .anyMatch(user.userGroups()::contains));
      return viewData ? Optional.empty() : Optional.of(MissingViewDataException.class);
    }
    boolean application =
        held.contains(Permission.MACHINE_READ_ALL)
            || held.contains(Permission.MACHINE_READ_WRITE_ALL);
    return application ? Optional.empty() : Optional.of(MissingPermissionException.class);
  }

  private static List<MachineId> expectedVisible(Scenario scenario) {
    TreeSet<MachineId> visible = new TreeSet<>();
    for (int index : scenario.seenOn()) {
      if (index < scenario.machineGroups().size()
          && maySee(scenario, scenario.machineGroups().get(index))) {
        visible.add(Machines.id(index));
      }
    }
    return List.copyOf(visible);
  }

  private static boolean maySee(Scenario scenario, long groupId) {
    if (!(scenario.caller() instanceof DelegatedCaller user) || !scenario.access().configured()) {
      return true;
    }
    Optional<MachineGroupAccess> group = scenario.access().machineGroup(groupId);
    if (group.isEmpty()) {
      // Unlisted: the ungrouped group is open to all, any other group to nobody.
      return groupId == MachineGroup.UNGROUPED_ID;
    }
    Set<String> assigned = group.get().assignedUserGroups();
    return assigned.isEmpty() || assigned.stream().anyMatch(user.userGroups()::contains);
  }

  static Stream<Long> seeds() {
    Random master = new Random(20261128L);
    return Stream.generate(master::nextLong).limit(SCENARIOS);
  }

  /** A scenario drawn from {@code seed}; the seed in a failure's name reproduces it. */
  static Scenario scenario(long seed) {
    Random random = new Random(seed);
    List<Long> machineGroups = new ArrayList<>();
    int machines = random.nextInt(13);
    for (int i = 0; i < machines; i++) {
      // One id beyond the listed range: machines in a group the configuration does not list.
      machineGroups.add(
          random.nextInt(4) == 0 ? 0L : (long) random.nextInt((int) HIGHEST_GROUP_ID + 2));
    }
    Set<Integer> seenOn = new TreeSet<>();
    int sightings = random.nextInt(16);
    for (int i = 0; i < sightings; i++) {
      seenOn.add(random.nextInt(15));
    }
    return new Scenario(
        accessConfiguration(random), machineGroups, seenOn, caller(random), 1 + random.nextInt(5));
  }

  private static AccessConfiguration accessConfiguration(Random random) {
    if (random.nextInt(5) == 0) {
      return AccessConfiguration.unconfigured();
    }
    List<MachineGroupAccess> groups = new ArrayList<>();
    Set<Long> ids = new TreeSet<>();
    int listed = random.nextInt(6);
    for (int i = 0; i < listed; i++) {
      ids.add((long) random.nextInt((int) HIGHEST_GROUP_ID + 1));
    }
    int rank = 1;
    for (long id : ids) {
      groups.add(
          new MachineGroupAccess(new MachineGroup(id, "Group " + id, rank++), userGroups(random)));
    }
    List<Role> roles = new ArrayList<>();
    int roleCount = random.nextInt(5);
    for (int i = 0; i < roleCount; i++) {
      Set<String> permissions =
          List.of(
                  Set.of(Role.VIEW_DATA),
                  Set.of(Role.VIEW_DATA, "AlertsInvestigation"),
                  Set.of("AlertsInvestigation"),
                  Set.<String>of())
              .get(random.nextInt(4));
      roles.add(new Role("role-" + i, permissions, userGroups(random)));
    }
    return AccessConfiguration.of(groups, roles);
  }

  private static Caller caller(Random random) {
    Set<Permission> held = EnumSet.noneOf(Permission.class);
    for (Permission permission : Permission.values()) {
      if (random.nextBoolean()) {
        held.add(permission);
      }
    }
    if (random.nextBoolean()) {
      return new ApplicationCaller("tenant-1", "app-1", held);
    }
    return new DelegatedCaller("tenant-1", "app-1", "user-1", held, userGroups(random));
  }

  private static Set<String> userGroups(Random random) {
    Set<String> chosen = new TreeSet<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      chosen.add(USER_GROUPS.get(random.nextInt(USER_GROUPS.size())));
    }
    return chosen;
  }
}
