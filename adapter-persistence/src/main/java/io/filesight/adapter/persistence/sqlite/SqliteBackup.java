package io.filesight.adapter.persistence.sqlite;

import io.filesight.adapter.persistence.DatabaseConfigurationException;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Secondary adapter infrastructure: a consistent copy of a SQLite database that a server may be
 * reading and an import writing meanwhile.
 *
 * <p>The copy is {@code VACUUM INTO} on a read-only connection: one read transaction, so in WAL
 * mode it blocks neither the server's reads nor an import's writes, and it holds exactly the
 * transactions committed when it began. SQLite's online backup API, by contrast, copies in steps
 * and starts over whenever another connection writes between two of them, which a running import
 * does every batch. The copy is written to a temporary file beside the target, checked with {@code
 * quick_check}, flushed to disk (SQLite does not sync a {@code VACUUM INTO} file) and only then
 * given the target's name, so the target is either a whole checked copy or untouched.
 */
public final class SqliteBackup {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private SqliteBackup() {}

  /**
   * Writes a checked copy of the database at {@code source} to {@code target}.
   *
   * @param replace whether an existing {@code target} file is replaced (else the copy fails)
   * @return the size of the copy in bytes
   * @throws DatabaseConfigurationException when {@code source} is no SQLite database
   * @throws DatabaseUnavailableException when the copy cannot be made, written or checked; {@code
   *     target} is then as it was
   */
  public static long write(Path source, Path target, boolean replace) {
    Path from = source.toAbsolutePath().normalize();
    Path to = target.toAbsolutePath().normalize();
    try {
      SqliteDatabase.checkFile(from, false);
    } catch (DatabaseUnavailableException e) {
      throw new DatabaseConfigurationException(e.getMessage(), e);
    }
    Path directory = to.getParent();
    Path partial;
    try {
      partial = Files.createTempFile(directory, "." + to.getFileName() + ".", ".partial");
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot write a file in " + directory + ": " + describe(e), e);
    }
    boolean placed = false;
    try {
      copy(from, partial);
      List<String> problems = quickCheck(partial);
      if (!problems.isEmpty()) {
        throw new DatabaseUnavailableException(
            "the copy of " + from + " failed its check: " + String.join("; ", problems));
      }
      sync(partial);
      place(partial, to, replace);
      placed = true;
      sync(directory);
      return Files.size(to);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot write the backup " + to + ": " + describe(e), e);
    } finally {
      if (!placed) {
        deleteQuietly(partial);
      }
    }
  }

  private static void copy(Path from, Path partial) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + from);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, partial.toString());
      vacuum.execute();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot copy " + from + ": " + e.getMessage(), e);
    }
  }

  /** SQLite's quick check of the file, read-only; empty when sound. */
  static List<String> quickCheck(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
      List<String> problems = new ArrayList<>();
      while (rows.next()) {
        problems.add(rows.getString(1));
      }
      return problems.equals(List.of("ok")) ? List.of() : problems;
    } catch (SQLException e) {
      return List.of(e.getMessage());
    }
  }

  /**
   * Gives {@code partial} the name {@code to} in one step: a hard link, which fails when {@code to}
   * exists, unless {@code replace}, then a rename over it.
   */
  private static void place(Path partial, Path to, boolean replace) throws IOException {
    if (replace) {
      try {
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename " + partial + " over " + to, e);
      }
      return;
    }
    try {
      Files.createLink(to, partial);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(to + " exists; it was not replaced", e);
    }
    Files.delete(partial);
  }

  private static void sync(Path path) throws IOException {
    boolean directory = Files.isDirectory(path);
    try (FileChannel channel =
        FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path partial) {
    for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
      try {
        Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + suffix));
      } catch (IOException e) {
        // Nothing at the target's name is affected; a leftover hidden .partial file is harmless.
      }
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
