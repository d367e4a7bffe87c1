package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/**
 * A Defender RBAC role: role permissions (such as ViewData) granted to the assigned user groups.
 */
public record Role(String name, Set<String> permissions, Set<String> assignedUserGroups) {
  /** The role permission that lets a user see machine data at all. */
  public static final String VIEW_DATA = "ViewData";

  public Role {
    Identifiers.requireText(name, "role name");
    permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
    assignedUserGroups =
        Set.copyOf(Objects.requireNonNull(assignedUserGroups, "assignedUserGroups"));
  }

  /** Whether this role gives {@code ViewData} to a user in one of {@code userGroups}. */
  public boolean grantsViewDataTo(Set<String> userGroups) {
    if (!permissions.contains(VIEW_DATA)) {
      return false;
    }
    for (String userGroup : userGroups) {
      if (assignedUserGroups.contains(userGroup)) {
        return true;
      }
    }
    return false;
  }
}
