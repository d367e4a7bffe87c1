package io.filesight.domain;

/** Rejections of input that breaks a domain rule; each subtype carries the offending value. */
public abstract sealed class InvalidInputException extends RuntimeException
    permits InvalidFileHashException,
        InvalidMachineIdException,
        InvalidPageException,
        InvalidTimestampException {
  private static final long serialVersionUID = 1L;

  protected InvalidInputException(String message) {
    super(message);
  }
}
