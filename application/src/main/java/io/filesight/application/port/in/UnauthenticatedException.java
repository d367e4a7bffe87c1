package io.filesight.application.port.in;

import io.filesight.domain.TokenRejection;
import java.util.Objects;
import java.util.Optional;

/** Rejection of a request without a valid bearer token; the reason is for logs, not for clients. */
public final class UnauthenticatedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why authentication failed. */
  public enum Reason {
    MISSING_AUTHORIZATION,
    NOT_BEARER,
    EMPTY_TOKEN,
    TOKEN_TOO_LONG,
    INVALID_TOKEN
  }

  private final Reason reason;
  private final transient TokenRejection rejection;

  public UnauthenticatedException(Reason reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.rejection = null;
  }

  /** A token that was read and not trusted ({@link Reason#INVALID_TOKEN}), and why. */
  public UnauthenticatedException(TokenRejection rejection, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Reason.INVALID_TOKEN;
    this.rejection = Objects.requireNonNull(rejection, "rejection");
  }

  public Reason reason() {
    return reason;
  }

  /** Why the token was not trusted, when {@link #reason()} is {@link Reason#INVALID_TOKEN}. */
  public Optional<TokenRejection> rejection() {
    return Optional.ofNullable(rejection);
  }
}
