package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/** A caller using an application token: not limited by machine groups. */
public record ApplicationCaller(String tenantId, String appId, Set<Permission> permissions)
    implements Caller {
  public ApplicationCaller {
    Identifiers.requireText(tenantId, "tenantId");
    Identifiers.requireText(appId, "appId");
    permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
  }
}
