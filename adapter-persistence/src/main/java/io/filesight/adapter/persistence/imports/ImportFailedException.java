package io.filesight.adapter.persistence.imports;

import java.nio.file.Path;

/**
 * An import stopped: unreadable, truncated or non-UTF-8 file, or a bad record in strict mode. The
 * message names the file and line (0 when the problem is not at a line).
 */
public final class ImportFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final long line;

  public ImportFailedException(Path file, long line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }
}
