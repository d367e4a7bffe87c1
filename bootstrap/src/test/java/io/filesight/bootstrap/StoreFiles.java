package io.filesight.bootstrap;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Damages SQLite files the way a failing disk or a stray write would, for tests. */
final class StoreFiles {
  private StoreFiles() {}

  /**
   * Overwrites the root pages of {@code table} and of its indexes (a small table's only pages) in
   * the file with garbage, then commits an unrelated write, so connections already open drop their
   * cached pages and read the damaged ones.
   */
  static void corruptTable(Path file, String table) throws Exception {
    List<Long> pages = new ArrayList<>();
    long pageSize;
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      try (ResultSet size = statement.executeQuery("PRAGMA page_size")) {
        size.next();
        pageSize = size.getLong(1);
      }
      // Whatever the write-ahead log holds goes into the file first, so it cannot undo the damage.
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      try (ResultSet roots =
          statement.executeQuery(
              "SELECT rootpage FROM sqlite_master WHERE tbl_name = '" + table + "'")) {
        while (roots.next()) {
          pages.add(roots.getLong(1));
        }
      }
    }
    byte[] garbage = new byte[(int) pageSize];
    Arrays.fill(garbage, (byte) 0x5a);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long page : pages) {
        if (page < 3) {
          throw new IllegalStateException("refusing to damage the header pages of " + file);
        }
        channel.write(ByteBuffer.wrap(garbage), (page - 1) * pageSize);
      }
      channel.force(true);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE access_state SET version = version");
    }
  }
}
