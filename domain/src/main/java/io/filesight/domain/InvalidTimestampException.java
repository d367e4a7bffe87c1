package io.filesight.domain;

/** Rejection of a text that is not a timestamp filesight keeps; carries the offending text. */
public final class InvalidTimestampException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient String text;

  public InvalidTimestampException(String text, String problem) {
    super("time '" + text + "' " + problem);
    this.text = text;
  }

  public String text() {
    return text;
  }
}
