package io.filesight.domain;

/**
 * How a permission reaches a token: granted to an application, or delegated by a signed-in user.
 */
public enum PermissionGrant {
  APPLICATION,
  DELEGATED
}
