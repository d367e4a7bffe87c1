package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access matrix of issue 4: who may read machines, and which machine groups each caller sees.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines">Get
 *     file related machines: permissions</a>
 */
class AccessPolicyTest {
  private static final String APPLICATION_MESSAGE =
      "Missing application permission: one of Machine.Read.All, Machine.ReadWrite.All is required";
  private static final String DELEGATED_MESSAGE =
      "Missing delegated permission: one of Machine.Read, Machine.ReadWrite is required";

  /** Groups 1 (for ug-soc), 2 (for ug-helpdesk), 3 (no user group: everyone); 0 is not listed. */
  private static final AccessConfiguration CONFIGURED =
      AccessConfiguration.of(
          List.of(
              group(1, "ug-soc"),
              group(2, "ug-helpdesk"),
              new MachineGroupAccess(new MachineGroup(3, "Servers", 3), Set.of())),
          List.of(
              new Role("Security reader", Set.of(Role.VIEW_DATA), Set.of("ug-soc", "ug-helpdesk")),
              new Role("Responder", Set.of("AlertsInvestigation"), Set.of("ug-ir"))));

  private static MachineGroupAccess group(long id, String... userGroups) {
    return new MachineGroupAccess(
        new MachineGroup(id, "Group " + id, (int) id), Set.of(userGroups));
  }

  @Test
  void onlyDelegatedCallersDependOnTheAccessConfiguration() {
    assertThat(AccessPolicy.dependsOnAccessConfiguration(app(Permission.MACHINE_READ_ALL)))
        .isFalse();
    assertThat(AccessPolicy.dependsOnAccessConfiguration(app())).isFalse();
    assertThat(
            AccessPolicy.dependsOnAccessConfiguration(user(Set.of(Permission.MACHINE_READ), "g")))
        .isTrue();
  }

  private static Caller app(Permission... permissions) {
    return new ApplicationCaller("tenant", "app", Set.of(permissions));
  }

  private static Caller user(Set<Permission> permissions, String... userGroups) {
    return new DelegatedCaller("tenant", "app", "user-1", permissions, Set.of(userGroups));
  }

  /** A user whose token carries a groups overage claim, listing {@code userGroups} at most. */
  private static Caller overGroupLimit(Set<Permission> permissions, String... userGroups) {
    return new DelegatedCaller("tenant", "app", "user-1", permissions, Set.of(userGroups), true);
  }

  static Stream<Arguments> allowed() {
    Set<Permission> read = Set.of(Permission.MACHINE_READ);
    return Stream.of(
        Arguments.of("application Machine.Read.All", app(Permission.MACHINE_READ_ALL), CONFIGURED),
        Arguments.of(
            "application Machine.ReadWrite.All",
            app(Permission.MACHINE_READ_WRITE_ALL),
            CONFIGURED),
        Arguments.of(
            "application, unconfigured tenant",
            app(Permission.MACHINE_READ_ALL),
            AccessConfiguration.unconfigured()),
        Arguments.of("user with ViewData via ug-soc", user(read, "ug-soc"), CONFIGURED),
        Arguments.of(
            "user Machine.ReadWrite with ViewData",
            user(Set.of(Permission.MACHINE_READ_WRITE), "ug-helpdesk"),
            CONFIGURED),
        Arguments.of(
            "user in no group, unconfigured tenant",
            user(read),
            AccessConfiguration.unconfigured()),
        Arguments.of(
            "user over the group limit, unconfigured tenant",
            overGroupLimit(read),
            AccessConfiguration.unconfigured()),
        Arguments.of(
            "user with both delegated and application permissions",
            user(Set.of(Permission.MACHINE_READ, Permission.MACHINE_READ_ALL), "ug-soc"),
            CONFIGURED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void callersWithTheRightPermissionMayReadMachines(
      String name, Caller caller, AccessConfiguration access) {
    assertThatCode(() -> AccessPolicy.requireMachineRead(caller, access))
        .doesNotThrowAnyException();
  }

  static Stream<Arguments> refused() {
    Set<Permission> read = Set.of(Permission.MACHINE_READ);
    return Stream.of(
        Arguments.of(
            "application without permission",
            app(),
            CONFIGURED,
            MissingPermissionException.class,
            APPLICATION_MESSAGE),
        Arguments.of(
            "application holding only a delegated permission",
            app(Permission.MACHINE_READ),
            AccessConfiguration.unconfigured(),
            MissingPermissionException.class,
            APPLICATION_MESSAGE),
        Arguments.of(
            "user holding only an application permission",
            user(Set.of(Permission.MACHINE_READ_ALL), "ug-soc"),
            CONFIGURED,
            MissingPermissionException.class,
            DELEGATED_MESSAGE),
        Arguments.of(
            "user without permission, unconfigured tenant",
            user(Set.of()),
            AccessConfiguration.unconfigured(),
            MissingPermissionException.class,
            DELEGATED_MESSAGE),
        Arguments.of(
            "user without permission and without ViewData: permission first",
            user(Set.of(), "ug-ir"),
            CONFIGURED,
            MissingPermissionException.class,
            DELEGATED_MESSAGE),
        Arguments.of(
            "user whose role lacks ViewData",
            user(read, "ug-ir"),
            CONFIGURED,
            MissingViewDataException.class,
            "'View Data'"),
        Arguments.of(
            "user in no group",
            user(read),
            CONFIGURED,
            MissingViewDataException.class,
            "user-1 has no role"),
        Arguments.of(
            "user in a configured tenant with no roles",
            user(read, "ug-soc"),
            AccessConfiguration.of(List.of(group(1, "ug-soc")), List.of()),
            MissingViewDataException.class,
            "Machine.Read or Machine.ReadWrite"),
        Arguments.of(
            "user over the group limit",
            overGroupLimit(read),
            CONFIGURED,
            GroupOverageException.class,
            "groups overage claim"),
        Arguments.of(
            "user over the group limit whose token still lists a group with ViewData",
            overGroupLimit(read, "ug-soc"),
            CONFIGURED,
            GroupOverageException.class,
            "'Groups assigned to the application'"),
        Arguments.of(
            "user over the group limit without permission: permission first",
            overGroupLimit(Set.of()),
            CONFIGURED,
            MissingPermissionException.class,
            DELEGATED_MESSAGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void callersWithoutTheRightPermissionAreRefusedNamingWhatIsRequired(
      String name,
      Caller caller,
      AccessConfiguration access,
      Class<? extends AccessDeniedException> refusal,
      String message) {
    assertThatThrownBy(() -> AccessPolicy.requireMachineRead(caller, access))
        .isInstanceOf(refusal)
        .hasMessageContaining(message);
  }

  @Test
  void missingPermissionCarriesTheRequiredPermissions() {
    assertThatThrownBy(() -> AccessPolicy.requireMachineRead(app(), CONFIGURED))
        .isInstanceOfSatisfying(
            MissingPermissionException.class,
            e -> assertThat(e.required()).isEqualTo(AccessPolicy.APPLICATION_READ));
  }

  static Stream<Arguments> visibility() {
    Set<Permission> read = Set.of(Permission.MACHINE_READ);
    AccessConfiguration ungroupedAssigned =
        AccessConfiguration.of(
            List.of(group(0, "ug-helpdesk"), group(1, "ug-soc")),
            List.of(new Role("r", Set.of(Role.VIEW_DATA), Set.of("ug-soc"))));
    AccessConfiguration ungroupedOpen =
        AccessConfiguration.of(
            List.of(group(0), group(1, "ug-helpdesk")),
            List.of(new Role("r", Set.of(Role.VIEW_DATA), Set.of("ug-soc"))));
    return Stream.of(
        // name, caller, access, group ids 0..4 visible?
        Arguments.of(
            "application sees every group",
            app(Permission.MACHINE_READ_ALL),
            CONFIGURED,
            List.of(true, true, true, true, true)),
        Arguments.of(
            "user in an unconfigured tenant sees every group",
            user(read),
            AccessConfiguration.unconfigured(),
            List.of(true, true, true, true, true)),
        Arguments.of(
            "user sees own groups, unassigned groups and unlisted ungrouped",
            user(read, "ug-soc"),
            CONFIGURED,
            List.of(true, true, false, true, false)),
        Arguments.of(
            "user in two groups sees both",
            user(read, "ug-soc", "ug-helpdesk"),
            CONFIGURED,
            List.of(true, true, true, true, false)),
        Arguments.of(
            "user in no group sees only unassigned groups",
            user(read),
            CONFIGURED,
            List.of(true, false, false, true, false)),
        Arguments.of(
            "ungrouped assigned to another user group is hidden",
            user(read, "ug-soc"),
            ungroupedAssigned,
            List.of(false, true, false, false, false)),
        Arguments.of(
            "ungrouped listed with no user group is visible",
            user(read, "ug-soc"),
            ungroupedOpen,
            List.of(true, false, false, false, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("visibility")
  void callersSeeExactlyTheirMachineGroups(
      String name, Caller caller, AccessConfiguration access, List<Boolean> visibleByGroupId) {
    GroupScope scope = AccessPolicy.visibleGroups(caller, access);

    for (int id = 0; id < visibleByGroupId.size(); id++) {
      assertThat(scope.includes(id)).as("group %d", id).isEqualTo(visibleByGroupId.get(id));
    }
  }

  @Test
  void delegatedTokenCarryingApplicationPermissionsIsStillLimitedToItsGroups() {
    Caller user = user(Set.of(Permission.MACHINE_READ, Permission.MACHINE_READ_ALL), "ug-helpdesk");

    GroupScope scope = AccessPolicy.visibleGroups(user, CONFIGURED);

    assertThat(scope.includes(1)).isFalse();
    assertThat(scope.includes(2)).isTrue();
  }
}
