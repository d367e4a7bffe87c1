package io.filesight.domain;

/**
 * Rejection of a file id that is not a SHA-1, SHA-256 or MD5 digest; carries the offending value.
 */
public final class InvalidFileHashException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient String value;

  public InvalidFileHashException(String value) {
    super("Hash value " + value + " is invalid");
    this.value = value;
  }

  /** The value as received, possibly {@code null}. */
  public String value() {
    return value;
  }
}
