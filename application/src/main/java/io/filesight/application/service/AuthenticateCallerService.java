package io.filesight.application.service;

import io.filesight.application.port.in.AuthenticateCaller;
import io.filesight.application.port.in.UnauthenticatedException;
import io.filesight.application.port.in.UnauthenticatedException.Reason;
import io.filesight.application.port.out.AccessTokenVerifier;
import io.filesight.application.port.out.InvalidTokenException;
import io.filesight.domain.Caller;
import java.util.Locale;
import java.util.Objects;

/** Use case: accepts {@code Authorization: Bearer <token>} and nothing else. */
public final class AuthenticateCallerService implements AuthenticateCaller {
  /** Longest token accepted; Azure AD tokens with many group claims stay well below it. */
  public static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private static final String BEARER = "bearer ";

  private final AccessTokenVerifier verifier;

  public AuthenticateCallerService(AccessTokenVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new UnauthenticatedException(Reason.MISSING_AUTHORIZATION, "no Authorization header");
    }
    if (authorization.length() < BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      throw new UnauthenticatedException(Reason.NOT_BEARER, "Authorization scheme is not Bearer");
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw new UnauthenticatedException(Reason.EMPTY_TOKEN, "empty bearer token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedException(
          Reason.TOKEN_TOO_LONG, "bearer token longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    try {
      return verifier.verify(token);
    } catch (InvalidTokenException e) {
      throw new UnauthenticatedException(e.rejection(), e.getMessage(), e);
    }
  }
}
