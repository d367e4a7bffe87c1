package io.filesight.adapter.http;

import java.nio.file.Path;
import java.util.Objects;

/** A TLS certificate or key file that cannot be served: unreadable, malformed, or not a pair. */
public final class InvalidTlsFilesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  InvalidTlsFilesException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The file at fault: the certificate or the key. */
  public Path file() {
    return file;
  }
}
