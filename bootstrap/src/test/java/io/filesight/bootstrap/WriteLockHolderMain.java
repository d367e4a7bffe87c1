package io.filesight.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process writing a SQLite store, for {@link WriteLockTest}: takes the write lock ({@code
 * BEGIN IMMEDIATE}), writes without committing, prints {@code holding}, and keeps the lock until it
 * is killed or the given seconds pass. Arguments: database file, seconds.
 */
public final class WriteLockHolderMain {
  private WriteLockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      statement.executeUpdate("UPDATE access_state SET configured = configured");
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]) * 1000);
      statement.execute("ROLLBACK");
    }
  }
}
