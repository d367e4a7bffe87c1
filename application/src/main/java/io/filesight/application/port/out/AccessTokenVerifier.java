package io.filesight.application.port.out;

import io.filesight.domain.Caller;

/** Secondary port: checks a bearer token (signature, issuer, audience, lifetime) and reads it. */
public interface AccessTokenVerifier {

  /**
   * Verifies {@code token} and builds the caller it identifies.
   *
   * @throws InvalidTokenException when the token is not one this service trusts
   */
  Caller verify(String token);
}
