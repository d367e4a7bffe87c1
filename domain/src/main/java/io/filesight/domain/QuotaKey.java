package io.filesight.domain;

/** What a rate quota is counted against: one application in one tenant. */
public record QuotaKey(String tenantId, String appId) {
  public QuotaKey {
    Identifiers.requireText(tenantId, "tenantId");
    Identifiers.requireText(appId, "appId");
  }
}
