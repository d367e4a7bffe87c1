package io.filesight.application.port.in;

import io.filesight.domain.RateQuota;

/**
 * Primary port: instances that share a store enforce one quota policy, the one stored there. A
 * start settles the policy it was asked for against the stored one; a running instance follows the
 * stored one when another instance replaces it.
 */
public interface AgreeOnQuota {

  /**
   * Settles the quota this instance enforces at start: {@code asked} when it is the stored one,
   * when none is stored yet (then {@link #settle} stores it), or when {@code replace} (it replaces
   * the stored one). Writes to the store only in the last case, so that a start whose policy is
   * stored or missing never waits for another process's write lock.
   *
   * @return the quota now in force
   * @throws QuotaPolicyMismatchException when another policy is stored and {@code replace} is not
   *     set
   */
  RateQuota agree(RateQuota asked, boolean replace);

  /**
   * Stores the quota {@link #agree} found no policy for, unless another instance stored one first,
   * which is then enforced instead. A write: it may wait for another process's write lock. Does
   * nothing when nothing is waiting to be stored.
   *
   * @return the quota now in force
   */
  RateQuota settle();

  /**
   * Stores the quota waiting to be stored ({@link #settle}), then reads the stored policy again and
   * enforces it from now on if it changed (another instance replaced it); keeps the current one
   * while none is stored.
   *
   * @return the quota now in force
   */
  RateQuota refresh();

  /** The quota enforced now. */
  RateQuota inForce();
}
