package io.filesight.application.port.out;

import io.filesight.domain.RateQuota;
import java.util.Optional;

/**
 * Secondary port: the quota policy that every instance sharing a store enforces, kept in that store
 * so that they agree on it.
 */
public interface QuotaPolicyStore {

  /** The stored policy; empty when no instance has stored one yet. Never takes a write lock. */
  Optional<RateQuota> stored();

  /**
   * Stores {@code quota} unless a policy is stored already, atomically: of two instances storing at
   * once, one wins.
   *
   * @return the policy stored afterwards: {@code quota}, or the one stored before
   */
  RateQuota storeIfAbsent(RateQuota quota);

  /** Stores {@code quota} in place of whatever policy is stored. */
  void replace(RateQuota quota);
}
