package io.filesight.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process's writer: holds a SQLite store's write lock ({@code BEGIN IMMEDIATE}) for a
 * while, printing {@code locked} once it holds it: {@code --db FILE --seconds N}.
 */
public final class HoldWriteLock {
  private HoldWriteLock() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + args.path("db").toAbsolutePath());
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 30000");
      statement.execute("BEGIN IMMEDIATE");
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(args.number("seconds") * 1000);
      statement.execute("ROLLBACK");
    }
  }
}
