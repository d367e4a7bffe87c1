package io.filesight.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Policy: who may read machines, and which machine groups they see. Application callers need an
 * application permission and see every machine; delegated callers need a delegated permission and a
 * role with ViewData, and see the machine groups assigned to their user groups plus groups with
 * none assigned; a user whose token does not list the user's groups (a groups overage) is refused
 * once RBAC is configured. Machines in a group the configuration does not list are visible to no
 * user.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines">Get
 *     file related machines</a>
 */
public final class AccessPolicy {
  /** Application permissions, any one of which allows reading machines. */
  public static final List<Permission> APPLICATION_READ =
      List.of(Permission.MACHINE_READ_ALL, Permission.MACHINE_READ_WRITE_ALL);

  /** Delegated permissions, any one of which allows reading machines (with ViewData). */
  public static final List<Permission> DELEGATED_READ =
      List.of(Permission.MACHINE_READ, Permission.MACHINE_READ_WRITE);

  /**
   * Application permissions, any one of which allows a connection test: a client registered for
   * machines or for alerts.
   */
  public static final List<Permission> APPLICATION_CONNECTION_TEST =
      List.of(
          Permission.MACHINE_READ_ALL,
          Permission.MACHINE_READ_WRITE_ALL,
          Permission.ALERT_READ_ALL,
          Permission.ALERT_READ_WRITE_ALL);

  /** Delegated permissions, any one of which allows a connection test. */
  public static final List<Permission> DELEGATED_CONNECTION_TEST =
      List.of(
          Permission.MACHINE_READ,
          Permission.MACHINE_READ_WRITE,
          Permission.ALERT_READ,
          Permission.ALERT_READ_WRITE);

  private AccessPolicy() {}

  /**
   * Passes when {@code caller} may run a connector's connection test: a machine or alert permission
   * of the token's kind. No RBAC applies, since the answer holds no data.
   *
   * @throws MissingPermissionException when the token carries none of them
   */
  public static void requireConnectionTest(Caller caller) {
    if (caller instanceof DelegatedCaller) {
      requireAny(caller, PermissionGrant.DELEGATED, DELEGATED_CONNECTION_TEST);
    } else {
      requireAny(caller, PermissionGrant.APPLICATION, APPLICATION_CONNECTION_TEST);
    }
  }

  /**
   * Passes when {@code caller} may read machines under {@code access}.
   *
   * @throws MissingPermissionException when the token lacks a machine-reading permission
   * @throws GroupOverageException when a delegated user's token does not list the user's groups
   * @throws MissingViewDataException when a delegated user has no role with ViewData
   */
  public static void requireMachineRead(Caller caller, AccessConfiguration access) {
    if (caller instanceof DelegatedCaller user) {
      requireAny(user, PermissionGrant.DELEGATED, DELEGATED_READ);
      // Roles and machine groups are matched by user group: without the groups, the refusal names
      // the token, not the roles. An unconfigured tenant never consults the groups.
      if (access.configured() && user.groupOverage()) {
        throw new GroupOverageException(user.userId());
      }
      if (access.configured()
          && access.roles().stream().noneMatch(r -> r.grantsViewDataTo(user.userGroups()))) {
        throw new MissingViewDataException(user.userId());
      }
    } else {
      requireAny(caller, PermissionGrant.APPLICATION, APPLICATION_READ);
    }
  }

  /**
   * Whether the RBAC configuration can change what {@code caller} may read: only for delegated
   * users; an application's permissions alone decide, so its calls need not read the configuration.
   */
  public static boolean dependsOnAccessConfiguration(Caller caller) {
    return caller instanceof DelegatedCaller;
  }

  /** The machine groups whose machines {@code caller} sees. */
  public static GroupScope visibleGroups(Caller caller, AccessConfiguration access) {
    if (caller instanceof DelegatedCaller user && access.configured()) {
      Set<Long> visible = new HashSet<>();
      for (MachineGroupAccess group : access.machineGroups()) {
        if (group.visibleTo(user.userGroups())) {
          visible.add(group.group().id());
        }
      }
      if (access.machineGroup(MachineGroup.UNGROUPED_ID).isEmpty()) {
        visible.add(MachineGroup.UNGROUPED_ID);
      }
      return GroupScope.only(visible);
    }
    return GroupScope.all();
  }

  private static void requireAny(Caller caller, PermissionGrant grant, List<Permission> required) {
    for (Permission permission : required) {
      if (caller.permissions().contains(permission)) {
        return;
      }
    }
    throw new MissingPermissionException(grant, required);
  }
}
