package io.filesight.adapter.persistence.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for a test JVM (started at first use, stopped when the JVM ends), and
 * a fresh empty database on it for each test that asks.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** The shared server, started on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // the JVM is ending
                    }
                  }));
    }
    return server;
  }

  /** Settings for a new empty database on the shared server. */
  public static PostgresSettings freshDatabase() {
    String name = "filesight_" + DATABASES.incrementAndGet();
    try (Connection admin = server().getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    return PostgresSettings.of(url(name), "postgres", "");
  }

  /** The URL of database {@code name} on the shared server, without credentials. */
  public static String url(String name) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
  }

  /** A new empty database, migrated. */
  public static PostgresDatabase migratedDatabase() {
    PostgresDatabase database = PostgresDatabase.create(freshDatabase());
    database.migrate();
    return database;
  }
}
