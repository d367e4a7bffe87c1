package io.filesight.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The token carries none of the permissions that allow reading machines; names those required. */
public final class MissingPermissionException extends AccessDeniedException {
  private static final long serialVersionUID = 1L;

  private final transient List<Permission> required;

  public MissingPermissionException(PermissionGrant grant, List<Permission> required) {
    super(
        "Missing "
            + (grant == PermissionGrant.APPLICATION ? "application" : "delegated")
            + " permission: one of "
            + required.stream().map(Permission::claimValue).collect(Collectors.joining(", "))
            + " is required");
    this.required = List.copyOf(required);
  }

  /** The permissions any one of which would have been enough. */
  public List<Permission> required() {
    return required;
  }
}
