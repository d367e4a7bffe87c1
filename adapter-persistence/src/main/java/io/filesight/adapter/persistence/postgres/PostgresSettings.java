package io.filesight.adapter.persistence.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach PostgreSQL: a {@code jdbc:postgresql:} URL that holds no credentials, the
 * user and password beside it, and the bounds that keep a stalled server from holding a request:
 * how long a request waits for a connection, and how long one statement may run.
 *
 * @param poolSize connections kept per instance
 */
public record PostgresSettings(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Duration statementTimeout) {

  /** Connections per instance unless told otherwise. */
  public static final int DEFAULT_POOL_SIZE = 16;

  /** How long a request waits for a connection before it is answered 503. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  /** How long a lookup's statement may run; imports lift it for their own transactions. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);

  public PostgresSettings {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a jdbc:postgresql: URL");
    }
    if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException("the URL must not hold the password");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be 1 or more, was " + poolSize);
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
  }

  /** The given URL and credentials with the default bounds. */
  public static PostgresSettings of(String url, String user, String password) {
    return new PostgresSettings(
        url,
        user,
        password,
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_STATEMENT_TIMEOUT);
  }

  /** These settings with {@code poolSize} connections per instance. */
  public PostgresSettings withPoolSize(int poolSize) {
    return new PostgresSettings(url, user, password, poolSize, connectionTimeout, statementTimeout);
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "PostgresSettings[url=" + url + ", user=" + user + ", password=***]";
  }
}
