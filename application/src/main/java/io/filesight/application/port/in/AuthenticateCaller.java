package io.filesight.application.port.in;

import io.filesight.domain.Caller;

/**
 * Primary port: turns the {@code Authorization} header of a request into an authenticated caller.
 */
public interface AuthenticateCaller {

  /**
   * Authenticates a request by its {@code Authorization} header value ({@code Bearer <token>}).
   *
   * @param authorization the header value, {@code null} when the request had none
   * @throws UnauthenticatedException when there is no valid bearer token
   */
  Caller authenticate(String authorization);
}
