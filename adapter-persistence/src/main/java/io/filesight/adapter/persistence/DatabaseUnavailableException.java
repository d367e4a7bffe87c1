package io.filesight.adapter.persistence;

import io.filesight.application.port.out.StoreUnavailableException;

/**
 * Raised when the database cannot be used: missing, not a database, from a newer filesight,
 * corrupt, or failing a read or a write. The message names the file and what to do, for an operator
 * to read.
 */
public final class DatabaseUnavailableException extends StoreUnavailableException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message) {
    super(message);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
