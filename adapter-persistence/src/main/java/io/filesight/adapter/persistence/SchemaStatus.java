package io.filesight.adapter.persistence;

import io.filesight.domain.RateQuota;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a database's schema stands against this build's migrations.
 *
 * @param version the schema version applied last, empty for a database never migrated
 * @param pending migrations this build would apply at start
 * @param quotaPolicy the quota policy stored for every instance, empty when none is yet
 */
public record SchemaStatus(Optional<String> version, int pending, Optional<RateQuota> quotaPolicy) {
  public SchemaStatus {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(quotaPolicy, "quotaPolicy");
    if (pending < 0) {
      throw new IllegalArgumentException("pending must be 0 or more, was " + pending);
    }
  }

  /** A status without a stored quota policy. */
  public SchemaStatus(Optional<String> version, int pending) {
    this(version, pending, Optional.empty());
  }

  /** This status with {@code quotaPolicy} as the stored policy. */
  public SchemaStatus withQuotaPolicy(Optional<RateQuota> quotaPolicy) {
    return new SchemaStatus(version, pending, quotaPolicy);
  }
}
