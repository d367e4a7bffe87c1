package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The {@code import_totals} table, in portable SQL: records committed by imports, by kind, and when
 * the last import of each kind completed, written on the transaction of the commit it counts.
 */
final class ImportTotalsTable {
  private static final String ADD =
      "INSERT INTO import_totals (kind, records, last_completed_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (kind) DO UPDATE SET records = import_totals.records + excluded.records,"
          + " last_completed_at = COALESCE(excluded.last_completed_at,"
          + " import_totals.last_completed_at)";

  private ImportTotalsTable() {}

  /**
   * Adds {@code records} to the records of {@code kind}; when {@code completedAtMillis} is not
   * null, an import of {@code kind} completed then.
   */
  static void add(Connection connection, String kind, long records, Long completedAtMillis)
      throws SQLException {
    try (PreparedStatement add = connection.prepareStatement(ADD)) {
      add.setString(1, kind);
      add.setLong(2, records);
      if (completedAtMillis == null) {
        add.setNull(3, Types.BIGINT);
      } else {
        add.setLong(3, completedAtMillis);
      }
      add.executeUpdate();
    }
  }
}
