package io.filesight.adapter.persistence.sqlite;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place that reads SQLite's result codes (the extended ones where SQLite gives them) for an
 * operator: a failure on the database file becomes one line naming the cause in plain words, the
 * file or directory at fault, and what to do. Which file is at fault is read from the file system
 * at the moment of the failure, since SQLite's codes do not say it.
 */
final class SqliteFailures {
  /** What Linux says when a write finds no room; SQLite reports it as SQLITE_FULL. */
  static final String NO_SPACE = "No space left on device";

  /**
   * Below this much usable space, the database's file system is taken as the one that filled up. A
   * failed write to the database leaves its write-ahead log grown, so that file system stays full;
   * SQLite deletes its temporary files when the statement fails, so the temporary directory has
   * room again by the time anyone looks.
   */
  static final long FULL_MARGIN_BYTES = 64L * 1024 * 1024;

  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  /** Where SQLite looked for room when it reported SQLITE_FULL. */
  enum FullPlace {
    /** The database's own file system. */
    DATABASE,
    /** One file system holding both the database and SQLite's temporary directory. */
    SHARED,
    /** SQLite's temporary directory, on a file system of its own. */
    TEMPORARY_DIRECTORY
  }

  private SqliteFailures() {}

  /**
   * The line for {@code failure} on the database {@code file}, or empty when SQLite reported none
   * of the causes named here (a full disk or temporary directory, a read-only file, directory or
   * mount, a file that cannot be opened, damage, an I/O error).
   */
  static Optional<String> explain(Path file, Throwable failure) {
    SQLiteErrorCode code = resultCode(failure);
    if (code == null) {
      return Optional.empty();
    }
    switch (code.code & 0xff) {
      case SQLITE_FULL:
        return Optional.of(full(file, System.getenv()));
      case SQLITE_READONLY:
        return Optional.of(readOnly(file, code));
      case SQLITE_CANTOPEN:
        return Optional.of(cannotOpen(file, code));
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return Optional.of(damaged(file, code.name()));
      case SQLITE_IOERR:
        return Optional.of(
            "an I/O error on the database "
                + file
                + " ("
                + code.name()
                + "): check the disk and the system log (dmesg), then run again; what was"
                + " committed before is kept");
      default:
        return Optional.empty();
    }
  }

  /** The line for a damaged database, with what SQLite reported of it. */
  static String damaged(Path file, String reported) {
    return "the database "
        + file
        + " is damaged ("
        + reported
        + "): check it with filesight verify --db "
        + file
        + ", then restore it from a backup or import the data again into a new file";
  }

  /**
   * A line for a {@code -shm} file beside {@code file} that this process may not write while it may
   * write the database, or empty: SQLite then opens the shared WAL index read-only and refuses
   * every write, with nothing in its code to say why.
   */
  static Optional<String> staleSharedMemory(Path file) {
    Path shm = sibling(file, "-shm");
    if (Files.exists(shm) && !Files.isWritable(shm) && Files.isWritable(file)) {
      return Optional.of(staleSharedMemoryLine(file, shm));
    }
    return Optional.empty();
  }

  /**
   * Which file system filled up, from whether the database and the temporary directory share one
   * and how much each can still take.
   */
  static FullPlace fullPlace(boolean sameFileSystem, long databaseUsable, long temporaryUsable) {
    if (sameFileSystem) {
      return FullPlace.SHARED;
    }
    return databaseUsable < Math.min(FULL_MARGIN_BYTES, temporaryUsable)
        ? FullPlace.DATABASE
        : FullPlace.TEMPORARY_DIRECTORY;
  }

  /**
   * The directory where SQLite puts its temporary files on Unix (os_unix.c, {@code
   * unixTempFileDir}): the first of {@code SQLITE_TMPDIR}, {@code TMPDIR}, {@code /var/tmp}, {@code
   * /usr/tmp}, {@code /tmp} and {@code .} that is a directory this process may write; empty when
   * none is.
   */
  static Optional<Path> temporaryDirectory(Map<String, String> environment) {
    List<String> candidates = new ArrayList<>();
    candidates.add(environment.get("SQLITE_TMPDIR"));
    candidates.add(environment.get("TMPDIR"));
    candidates.addAll(List.of("/var/tmp", "/usr/tmp", "/tmp", "."));
    for (String candidate : candidates) {
      if (candidate == null || candidate.isEmpty()) {
        continue;
      }
      Path directory = Path.of(candidate);
      if (Files.isDirectory(directory)
          && Files.isWritable(directory)
          && Files.isExecutable(directory)) {
        return Optional.of(directory.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  static String full(Path file, Map<String, String> environment) {
    String kept = ", then run again; what was committed before is kept";
    Optional<Path> temporary = temporaryDirectory(environment);
    FullPlace place;
    long databaseUsable = usableSpace(directoryOf(file));
    if (temporary.isEmpty()) {
      place = FullPlace.DATABASE;
    } else {
      place =
          fullPlace(
              sameFileSystem(directoryOf(file), temporary.get()),
              databaseUsable,
              usableSpace(temporary.get()));
    }
    switch (place) {
      case TEMPORARY_DIRECTORY:
        return "SQLite's temporary directory "
            + temporary.get()
            + " is full ("
            + NO_SPACE
            + ") while writing the database "
            + file
            + ": free space there or point SQLITE_TMPDIR at a directory with room"
            + kept;
      case SHARED:
        return "disk full ("
            + NO_SPACE
            + ") writing the database "
            + file
            + ", whose file system also holds SQLite's temporary directory "
            + temporary.get()
            + ": free space there, or move the database or point SQLITE_TMPDIR at a file system"
            + " with room"
            + kept;
      default:
        return "disk full ("
            + NO_SPACE
            + ") writing the database "
            + file
            + " ("
            + megabytes(databaseUsable)
            + " free on its file system): free space there or move the database to a larger disk"
            + kept;
    }
  }

  private static String readOnly(Path file, SQLiteErrorCode code) {
    Path directory = directoryOf(file);
    String user = System.getProperty("user.name");
    if (isReadOnlyMount(directory)) {
      return readOnlyMount(file);
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      return "the database file "
          + file
          + " is read-only for this process (user "
          + user
          + "): filesight writes it; give that user write access to it and its directory "
          + directory
          + ", or run filesight as its owner";
    }
    if (!Files.isWritable(directory)) {
      return readOnlyDirectory(file, directory, user);
    }
    Path shm = sibling(file, "-shm");
    if (Files.exists(shm) && !Files.isWritable(shm)) {
      return staleSharedMemoryLine(file, shm);
    }
    Path wal = sibling(file, "-wal");
    if (Files.exists(wal) && !Files.isWritable(wal)) {
      return "the write-ahead log "
          + wal
          + " of the database "
          + file
          + " is read-only for this process (user "
          + user
          + "), and it may hold committed data: run filesight as its owner or give that user"
          + " write access to it; never delete it";
    }
    return "SQLite refused to write the database "
        + file
        + " ("
        + code.name()
        + "): this process (user "
        + user
        + ") must be able to write it, its -wal and -shm files and the directory "
        + directory;
  }

  private static String cannotOpen(Path file, SQLiteErrorCode code) {
    Path directory = directoryOf(file);
    String user = System.getProperty("user.name");
    if (isReadOnlyMount(directory)) {
      return readOnlyMount(file);
    }
    if (!Files.isWritable(directory)
        && (Files.notExists(sibling(file, "-wal")) || Files.notExists(sibling(file, "-shm")))) {
      return readOnlyDirectory(file, directory, user);
    }
    return "SQLite cannot open the database "
        + file
        + " ("
        + code.name()
        + "): this process (user "
        + user
        + ") must be able to read and write it and its directory "
        + directory;
  }

  private static String readOnlyMount(Path file) {
    return "the database "
        + file
        + " is on a read-only file system: filesight writes it and creates "
        + file.getFileName()
        + "-wal and -shm beside it; mount it read-write or copy the database to a writable disk";
  }

  private static String readOnlyDirectory(Path file, Path directory, String user) {
    return "the directory "
        + directory
        + " of the database "
        + file
        + " is read-only for this process (user "
        + user
        + "): SQLite creates "
        + file.getFileName()
        + "-wal and -shm there; give that user write access to the directory";
  }

  private static String staleSharedMemoryLine(Path file, Path shm) {
    return shm
        + ", left beside the database "
        + file
        + " by another user, is read-only for this process (user "
        + System.getProperty("user.name")
        + "): stop every process using the database and delete "
        + shm.getFileName()
        + " (SQLite rebuilds it; keep the -wal file), or run filesight as its owner";
  }

  private static SQLiteErrorCode resultCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException) {
        return ((SQLiteException) t).getResultCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean isReadOnlyMount(Path directory) {
    try {
      return Files.getFileStore(directory).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameFileSystem(Path a, Path b) {
    try {
      FileStore first = Files.getFileStore(a);
      FileStore second = Files.getFileStore(b);
      return first.equals(second);
    } catch (IOException e) {
      return false;
    }
  }

  private static long usableSpace(Path directory) {
    try {
      return Files.getFileStore(directory).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("/") : parent;
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
