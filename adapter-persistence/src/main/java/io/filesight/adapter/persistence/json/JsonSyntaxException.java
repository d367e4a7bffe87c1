package io.filesight.adapter.persistence.json;

/** Raised by {@link JsonReader} for text that is not JSON; carries the line where it went wrong. */
public final class JsonSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long line;
  private final boolean truncated;

  public JsonSyntaxException(long line, String message, boolean truncated) {
    super(message);
    this.line = line;
    this.truncated = truncated;
  }

  public long line() {
    return line;
  }

  /** Whether the text ended inside a value, as a cut-off file does. */
  public boolean truncated() {
    return truncated;
  }
}
