package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/**
 * A machine group with the user groups assigned to it; none assigned means visible to all users.
 */
public record MachineGroupAccess(MachineGroup group, Set<String> assignedUserGroups) {
  public MachineGroupAccess {
    Objects.requireNonNull(group, "group");
    assignedUserGroups =
        Set.copyOf(Objects.requireNonNull(assignedUserGroups, "assignedUserGroups"));
  }

  /** Whether a user in {@code userGroups} may see this group's machines. */
  public boolean visibleTo(Set<String> userGroups) {
    if (assignedUserGroups.isEmpty()) {
      return true;
    }
    for (String userGroup : userGroups) {
      if (assignedUserGroups.contains(userGroup)) {
        return true;
      }
    }
    return false;
  }
}
