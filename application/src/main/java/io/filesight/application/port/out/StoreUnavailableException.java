package io.filesight.application.port.out;

/**
 * Raised by a store that cannot serve a call: missing, unreadable, full, corrupt, or locked by
 * another writer too long. The message names the store and the cause, for an operator to read.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
