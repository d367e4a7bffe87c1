package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ReadinessProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Secondary adapter: the database is ready when this process may still use it and a read of the
 * schema succeeds.
 */
public final class DatabaseReadinessProbe implements ReadinessProbe {
  private final Database database;

  public DatabaseReadinessProbe(Database database) {
    this.database = database;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public void check() {
    database.checkStillUsable();
    // Reads a real table, so a database without the schema is not "ready".
    try (Connection connection = database.readConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT configured FROM access_state")) {
      if (!row.next()) {
        throw new DatabaseUnavailableException(
            "the database " + database.name() + " has no access_state row");
      }
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }
}
