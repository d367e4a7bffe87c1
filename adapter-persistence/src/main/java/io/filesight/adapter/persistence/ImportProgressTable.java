package io.filesight.adapter.persistence;

import io.filesight.application.port.out.ResumePoint;
import io.filesight.application.port.out.StoredCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code import_progress} table, in portable SQL: where each interrupted import of a source
 * stopped, written on the transaction of the commit it describes.
 */
final class ImportProgressTable {
  private static final String READ =
      "SELECT records, inserted, updated FROM import_progress WHERE source = ?";
  private static final String SAVE =
      "INSERT INTO import_progress (source, records, inserted, updated) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (source) DO UPDATE SET records = excluded.records,"
          + " inserted = excluded.inserted, updated = excluded.updated";
  private static final String FORGET = "DELETE FROM import_progress WHERE source = ?";

  private ImportProgressTable() {}

  /** Where the last interrupted import of {@code source} stopped, if one did. */
  static ResumePoint read(Connection connection, String source) throws SQLException {
    try (PreparedStatement read = connection.prepareStatement(READ)) {
      read.setString(1, source);
      try (ResultSet row = read.executeQuery()) {
        return row.next()
            ? new ResumePoint(row.getLong(1), new StoredCounts(row.getLong(2), row.getLong(3)))
            : ResumePoint.NONE;
      }
    }
  }

  /** Records that an import of {@code source} got to {@code point}. */
  static void save(Connection connection, String source, ResumePoint point) throws SQLException {
    try (PreparedStatement save = connection.prepareStatement(SAVE)) {
      save.setString(1, source);
      save.setLong(2, point.records());
      save.setLong(3, point.counts().inserted());
      save.setLong(4, point.counts().updated());
      save.executeUpdate();
    }
  }

  /** Forgets the progress of {@code source}, whose import completed. */
  static void forget(Connection connection, String source) throws SQLException {
    try (PreparedStatement forget = connection.prepareStatement(FORGET)) {
      forget.setString(1, source);
      forget.executeUpdate();
    }
  }
}
