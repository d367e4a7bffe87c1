package io.filesight.application.port.in;

import io.filesight.domain.Caller;

/**
 * Primary port: a Defender client's connection test. Connectors test their settings by listing one
 * alert (Cortex XSOAR's "Test" sends {@code GET /api/alerts?$top=1} and fails on anything but 200);
 * filesight keeps no alerts, so the test learns only that the token is accepted and the caller is
 * within its quota. It costs one call of the same quota as a lookup, as Defender counts every call
 * of an application.
 *
 * <p>Checks run in Defender's order: quota, then permission.
 *
 * @see <a href="https://learn.microsoft.com/defender-endpoint/api/get-alerts">List alerts API</a>
 */
public interface CheckConnection {

  /**
   * Admits one call of {@code caller}'s quota and checks that the token carries a machine or alert
   * permission.
   *
   * @throws io.filesight.domain.QuotaExceededException over the caller's rate quota
   * @throws io.filesight.domain.AccessDeniedException when the token carries neither
   */
  void check(Caller caller);
}
