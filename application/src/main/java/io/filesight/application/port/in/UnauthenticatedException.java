package io.filesight.application.port.in;

import java.util.Objects;

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

  public UnauthenticatedException(Reason reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public UnauthenticatedException(Reason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
