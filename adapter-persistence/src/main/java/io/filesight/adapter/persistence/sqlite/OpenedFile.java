package io.filesight.adapter.persistence.sqlite;

import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.application.port.out.StoreRetiredException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The SQLite file a process opened, known by its identity (device and inode, the file key), and
 * whether the process has retired it: once the path names another file or none, or SQLite reported
 * corruption, the database is never read again, so one process never answers from two stores.
 * Connections already open keep reading the file they opened, which is why a new one is checked
 * before use.
 */
final class OpenedFile {
  /** How long a lookup trusts the last check; readiness and new connections check at once. */
  private static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Path file;
  private final Object key;
  private volatile Retirement retired;
  private volatile long checkedAt;

  private OpenedFile(Path file, Object key) {
    this.file = file;
    this.key = key;
    this.checkedAt = System.nanoTime();
  }

  /**
   * Records the identity of the file at {@code file} now.
   *
   * @throws DatabaseUnavailableException when there is no file there
   */
  static OpenedFile record(Path file) {
    try {
      return new OpenedFile(file, key(file));
    } catch (NoSuchFileException e) {
      throw new DatabaseUnavailableException("no database at " + file, e);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot read the attributes of the database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks, unless it did a moment ago, that the path still names the opened file.
   *
   * @throws StoreRetiredException when it does not, or the database was retired
   */
  void checkRecently() {
    Retirement known = retired;
    if (known != null) {
      throw known.exception();
    }
    if (System.nanoTime() - checkedAt > CHECK_INTERVAL_NANOS) {
      check();
    }
  }

  /**
   * Checks now that the path still names the opened file.
   *
   * @throws StoreRetiredException when it does not, or the database was retired
   */
  void check() {
    Retirement known = retired;
    if (known != null) {
      throw known.exception();
    }
    Object now;
    try {
      now = key(file);
    } catch (NoSuchFileException e) {
      throw retire(
          /* damaged= */ false,
          "the database file "
              + file
              + " was deleted while serving; restart filesight once a database is back there");
    } catch (IOException e) {
      // Unreadable attributes are an outage, not proof of another file: do not retire on them.
      throw new DatabaseUnavailableException(
          "cannot read the attributes of the database " + file + ": " + e.getMessage(), e);
    }
    if (!Objects.equals(now, key)) {
      throw retire(
          /* damaged= */ false,
          "the database file "
              + file
              + " was replaced while serving; this process keeps refusing lookups rather than mix"
              + " two stores: restart filesight to serve the new file");
    }
    checkedAt = System.nanoTime();
  }

  /**
   * Retires the database for good, for damage or else for a replaced or deleted file, unless it was
   * already (the first reason is kept); returns the exception every use throws from now on.
   */
  synchronized StoreRetiredException retire(boolean damaged, String message) {
    if (retired == null) {
      retired = new Retirement(damaged, message);
    }
    return retired.exception();
  }

  /** Whether the database was retired. */
  boolean isRetired() {
    return retired != null;
  }

  /** The file key: device and inode where the platform has them, else the file's creation time. */
  private static Object key(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = attributes.fileKey();
    return key != null ? key : attributes.creationTime();
  }

  /** Why the database was retired; each use gets its own exception, as callers may add to it. */
  private record Retirement(boolean damaged, String message) {
    StoreRetiredException exception() {
      return damaged
          ? StoreRetiredException.damaged(message)
          : StoreRetiredException.replaced(message);
    }
  }
}
