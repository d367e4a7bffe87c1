package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/** A caller using a delegated token: an application acting for a user in some user groups. */
public record DelegatedCaller(
    String tenantId,
    String appId,
    String userId,
    Set<Permission> permissions,
    Set<String> userGroups)
    implements Caller {
  public DelegatedCaller {
    Identifiers.requireText(tenantId, "tenantId");
    Identifiers.requireText(appId, "appId");
    Identifiers.requireText(userId, "userId");
    permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
    userGroups = Set.copyOf(Objects.requireNonNull(userGroups, "userGroups"));
  }
}
