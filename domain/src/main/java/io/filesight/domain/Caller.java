package io.filesight.domain;

import java.util.Set;

/**
 * An authenticated party asking a question: an application acting as itself, or an application
 * acting for a signed-in user. Embedders with their own authentication build one directly.
 */
public sealed interface Caller permits ApplicationCaller, DelegatedCaller {

  /** The Azure AD tenant (directory) id. */
  String tenantId();

  /** The client application id ({@code appid} or {@code azp}). */
  String appId();

  /** The Defender permissions the token carries that filesight knows; others are dropped. */
  Set<Permission> permissions();

  /** Quotas are counted per (tenant, application), whoever the user. */
  default QuotaKey quotaKey() {
    return new QuotaKey(tenantId(), appId());
  }
}
