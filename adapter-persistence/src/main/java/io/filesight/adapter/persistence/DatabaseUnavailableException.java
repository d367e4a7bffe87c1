package io.filesight.adapter.persistence;

/**
 * Raised when the store cannot be used: missing, not a database, from a newer filesight, or
 * corrupt. The message names the file and what to do, for an operator to read.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message) {
    super(message);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
