package io.filesight.application.port.out;

/** Raised by an {@link AccessTokenVerifier} for a token it does not trust; the message says why. */
public final class InvalidTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message);
  }

  public InvalidTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
