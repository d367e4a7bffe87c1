package io.filesight.domain;

/** Rejection of a machine id that is not 40 hex digits; carries the offending value. */
public final class InvalidMachineIdException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient String value;

  public InvalidMachineIdException(String value) {
    super("Machine id " + value + " is invalid");
    this.value = value;
  }

  public String value() {
    return value;
  }
}
