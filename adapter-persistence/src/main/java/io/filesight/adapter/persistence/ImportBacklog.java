package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The backlog tables a first import of observations commits its batches to (migration V4), on
 * either engine: {@code seen_file_backlog}, and {@code observation_backlog_0} to {@code _f} by the
 * first hex digit of the SHA-1, so that the tables' key ranges are in order and do not overlap.
 */
public final class ImportBacklog {
  /** The files' backlog table. */
  public static final String FILE_TABLE = "seen_file_backlog";

  /** The observations' backlog tables, in key order: the one for SHA-1s starting with 0 first. */
  public static final List<String> OBSERVATION_TABLES =
      "0123456789abcdef".chars().mapToObj(d -> "observation_backlog_" + (char) d).toList();

  private static final String ANY =
      "SELECT EXISTS (SELECT 1 FROM "
          + FILE_TABLE
          + ")"
          + OBSERVATION_TABLES.stream()
              .map(t -> " OR EXISTS (SELECT 1 FROM " + t + ")")
              .collect(Collectors.joining());

  private ImportBacklog() {}

  /** The index in {@link #OBSERVATION_TABLES} of the table for the lowercase hex {@code sha1}. */
  public static int tableOf(String sha1) {
    return Character.digit(sha1.charAt(0), 16);
  }

  /** Whether rows are waiting in the backlog. */
  public static boolean any(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(ANY)) {
      row.next();
      return row.getBoolean(1);
    }
  }

  /**
   * Counts the files an interrupted import committed to the backlog as stored in {@code files}: the
   * import that moves the backlog takes them with its own, and staged again (a rerun meets the same
   * files) they would only add rows to it.
   */
  public static void knowFiles(Connection connection, FileFingerprints files) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT sha1, sha256, md5, file_name FROM " + FILE_TABLE)) {
      while (rows.next()) {
        files.stage(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
      }
    }
    files.committed();
  }
}
