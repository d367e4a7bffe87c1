package io.filesight.adapter.persistence;

/**
 * Raised when the database setting names something that cannot be used as it stands, however long
 * one waits: a wrong user or password, a database that does not exist, a schema migrated by a newer
 * filesight. Unlike {@link DatabaseUnavailableException}, trying again will not help; the setting
 * must change.
 */
public final class DatabaseConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseConfigurationException(String message) {
    super(message);
  }

  public DatabaseConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
