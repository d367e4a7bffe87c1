package io.filesight.application.port.in;

/**
 * An import stopped: an unreadable, truncated or non-UTF-8 source, a store that failed, or a bad
 * record in strict mode. The message names the source (its file) and the line, when the problem is
 * at one, as {@code file:line: what}.
 */
public final class ImportFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final long line;

  /** {@code line} from 1, or 0 when the problem is not at a line. */
  public ImportFailedException(String source, long line, String message) {
    this(source, line, message, null);
  }

  public ImportFailedException(String source, long line, String message, Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + message, cause);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  /** The line, from 1; 0 when the problem is not at a line. */
  public long line() {
    return line;
  }
}
