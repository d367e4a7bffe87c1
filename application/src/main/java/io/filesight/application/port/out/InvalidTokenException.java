package io.filesight.application.port.out;

import io.filesight.domain.TokenRejection;
import java.util.Objects;

/** Raised by an {@link AccessTokenVerifier} for a token it does not trust; the message says why. */
public final class InvalidTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TokenRejection rejection;

  public InvalidTokenException(TokenRejection rejection, String message) {
    super(message);
    this.rejection = Objects.requireNonNull(rejection, "rejection");
  }

  public InvalidTokenException(TokenRejection rejection, String message, Throwable cause) {
    super(message, cause);
    this.rejection = Objects.requireNonNull(rejection, "rejection");
  }

  /** The kind of distrust, safe to count. */
  public TokenRejection rejection() {
    return rejection;
  }
}
