package io.filesight.application.port.in;

import io.filesight.domain.RateQuota;

/**
 * Primary port: instances that share a store enforce one quota policy, the one stored there. A
 * start settles the policy it was asked for against the stored one; a running instance follows the
 * stored one when another instance replaces it.
 */
public interface AgreeOnQuota {

  /**
   * Settles the quota this instance enforces: {@code asked} when no policy is stored yet (it is
   * stored), when it is the stored one, or when {@code replace} (it replaces the stored one).
   * Writes to the store only in the first and last case.
   *
   * @return the quota now in force
   * @throws QuotaPolicyMismatchException when another policy is stored and {@code replace} is not
   *     set
   */
  RateQuota agree(RateQuota asked, boolean replace);

  /**
   * Reads the stored policy again and enforces it from now on if it changed (another instance
   * replaced it); keeps the current one while none is stored.
   *
   * @return the quota now in force
   */
  RateQuota refresh();

  /** The quota enforced now. */
  RateQuota inForce();
}
