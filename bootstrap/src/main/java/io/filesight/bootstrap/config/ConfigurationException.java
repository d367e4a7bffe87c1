package io.filesight.bootstrap.config;

/** Invalid configuration: the message is one line naming the setting; the process exits 2. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
