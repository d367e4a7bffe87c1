package io.filesight.domain;

import java.util.Optional;

/**
 * The Defender API permissions filesight acts on, by the claim value that carries them ({@code
 * roles} for application tokens, {@code scp} for delegated ones): those that allow reading
 * machines, and the alert permissions that a connector's connection test ({@code GET /api/alerts})
 * relies on.
 *
 * @see <a
 *     href="https://learn.microsoft.com/defender-endpoint/api/get-file-related-machines#permissions">Get
 *     file related machines: permissions</a>
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-alerts#permissions">List
 *     alerts: permissions</a>
 */
public enum Permission {
  MACHINE_READ_ALL("Machine.Read.All", PermissionGrant.APPLICATION),
  MACHINE_READ_WRITE_ALL("Machine.ReadWrite.All", PermissionGrant.APPLICATION),
  MACHINE_READ("Machine.Read", PermissionGrant.DELEGATED),
  MACHINE_READ_WRITE("Machine.ReadWrite", PermissionGrant.DELEGATED),
  ALERT_READ_ALL("Alert.Read.All", PermissionGrant.APPLICATION),
  ALERT_READ_WRITE_ALL("Alert.ReadWrite.All", PermissionGrant.APPLICATION),
  ALERT_READ("Alert.Read", PermissionGrant.DELEGATED),
  ALERT_READ_WRITE("Alert.ReadWrite", PermissionGrant.DELEGATED);

  private final String claimValue;
  private final PermissionGrant grant;

  Permission(String claimValue, PermissionGrant grant) {
    this.claimValue = claimValue;
    this.grant = grant;
  }

  /**
   * The spelling in a token's {@code roles} or {@code scp} claim, e.g. {@code Machine.Read.All}.
   */
  public String claimValue() {
    return claimValue;
  }

  public PermissionGrant grant() {
    return grant;
  }

  /** The permission a claim value names, matched exactly; other permissions are not ours. */
  public static Optional<Permission> fromClaimValue(String claimValue) {
    for (Permission permission : values()) {
      if (permission.claimValue.equals(claimValue)) {
        return Optional.of(permission);
      }
    }
    return Optional.empty();
  }
}
