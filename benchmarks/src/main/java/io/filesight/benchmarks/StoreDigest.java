package io.filesight.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A SQLite store's content as one SHA-256 over every stored row in key order, with its row count
 * and its size in pages, so that two stores compare by one line: {@code --db FILE}. Prints {@code
 * rows=N observations=N digest=HEX bytes=N free_bytes=N backlog_rows=N progress_rows=N}.
 */
public final class StoreDigest {
  /** The tables an import writes, in a stable order; the bookkeeping ones are empty when done. */
  private static final List<String> QUERIES =
      List.of(
          "SELECT * FROM machine ORDER BY id",
          "SELECT * FROM seen_file ORDER BY sha1",
          "SELECT * FROM observation ORDER BY sha1, machine_id",
          "SELECT * FROM machine_group ORDER BY id",
          "SELECT * FROM access_role ORDER BY name");

  private StoreDigest() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + args.path("db").toAbsolutePath());
        Statement statement = connection.createStatement()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long rows = 0;
      for (String query : QUERIES) {
        try (ResultSet result = statement.executeQuery(query)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            rows++;
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(result.getString(i)).append('\u001f');
            }
            digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      long pageSize = single(statement, "PRAGMA page_size");
      long bytes = single(statement, "PRAGMA page_count") * pageSize;
      long free = single(statement, "PRAGMA freelist_count") * pageSize;
      System.out.printf(
          "rows=%d observations=%d digest=%s bytes=%d free_bytes=%d backlog_rows=%d"
              + " progress_rows=%d%n",
          rows,
          single(statement, "SELECT COUNT(*) FROM observation"),
          HexFormat.of().formatHex(digest.digest()),
          bytes,
          free,
          ImportKillCheck.backlogRows(statement),
          single(statement, "SELECT COUNT(*) FROM import_progress"));
    }
  }

  static long single(Statement statement, String query) throws Exception {
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
