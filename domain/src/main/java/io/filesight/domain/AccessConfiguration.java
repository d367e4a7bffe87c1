package io.filesight.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's RBAC setup: machine groups with their user groups, and roles. Before any is imported
 * the tenant is unconfigured, as Defender is before RBAC is turned on.
 */
public record AccessConfiguration(
    boolean configured, List<MachineGroupAccess> machineGroups, List<Role> roles) {

  private static final AccessConfiguration UNCONFIGURED =
      new AccessConfiguration(false, List.of(), List.of());

  public AccessConfiguration {
    machineGroups = List.copyOf(Objects.requireNonNull(machineGroups, "machineGroups"));
    roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    if (!configured && (!machineGroups.isEmpty() || !roles.isEmpty())) {
      throw new IllegalArgumentException("an unconfigured tenant has no machine groups or roles");
    }
    long distinctIds = machineGroups.stream().mapToLong(g -> g.group().id()).distinct().count();
    if (distinctIds != machineGroups.size()) {
      throw new IllegalArgumentException("machine group ids must be unique");
    }
    Set<String> roleNames = new HashSet<>();
    for (Role role : roles) {
      if (!roleNames.add(role.name())) {
        throw new IllegalArgumentException("the role '" + role.name() + "' is listed twice");
      }
    }
  }

  /** No RBAC configured: every user with a machine permission sees every machine. */
  public static AccessConfiguration unconfigured() {
    return UNCONFIGURED;
  }

  public static AccessConfiguration of(List<MachineGroupAccess> machineGroups, List<Role> roles) {
    return new AccessConfiguration(true, machineGroups, roles);
  }

  public Optional<MachineGroupAccess> machineGroup(long id) {
    return machineGroups.stream().filter(g -> g.group().id() == id).findFirst();
  }
}
