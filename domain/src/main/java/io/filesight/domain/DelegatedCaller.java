package io.filesight.domain;

import java.util.Objects;
import java.util.Set;

/**
 * A caller using a delegated token: an application acting for a user in some user groups.
 *
 * @param groupOverage whether the token says the user is in more groups than it lists (Azure AD's
 *     groups overage claim), so that {@code userGroups} is not the user's full membership
 * @see <a
 *     href="https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#groups-overage-claim">Groups
 *     overage claim</a>
 */
public record DelegatedCaller(
    String tenantId,
    String appId,
    String userId,
    Set<Permission> permissions,
    Set<String> userGroups,
    boolean groupOverage)
    implements Caller {
  public DelegatedCaller {
    Identifiers.requireText(tenantId, "tenantId");
    Identifiers.requireText(appId, "appId");
    Identifiers.requireText(userId, "userId");
    permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
    userGroups = Set.copyOf(Objects.requireNonNull(userGroups, "userGroups"));
  }

  /** A user whose groups are all listed. */
  public DelegatedCaller(
      String tenantId,
      String appId,
      String userId,
      Set<Permission> permissions,
      Set<String> userGroups) {
    this(tenantId, appId, userId, permissions, userGroups, false);
  }
}
