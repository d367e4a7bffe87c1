package io.filesight.adapter.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.Migrations;
import io.filesight.adapter.persistence.SchemaStatus;
import io.filesight.application.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Secondary adapter infrastructure: one SQLite file configured for a server (WAL, one writer
 * connection with IMMEDIATE transactions, a small read-only pool) and migrated at open. The process
 * serves only the file it opened: once the path names another file or none, or SQLite reports
 * corruption, every read fails until a restart (see {@link OpenedFile}).
 */
public final class SqliteDatabase implements Database {
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /**
   * How long a writer waits for another process's write lock: an import holds it for a whole batch
   * (read, staged and moved: 2–15 s for a million records on two cores), and a first import's last
   * batch for the move of its whole backlog (about 35 s for 10M records), so a second import or a
   * machine import waits for that rather than failing.
   */
  private static final int WRITER_BUSY_TIMEOUT_MILLIS = 120_000;

  private static final int READ_POOL_SIZE = 4;
  private static final int WRITER_CACHE_KIB = 128 * 1024;

  /** SQLite's primary result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB. */
  private static final int SQLITE_CORRUPT = 11;

  private static final int SQLITE_NOTADB = 26;

  private final Path file;
  private final OpenedFile opened;
  private final HikariDataSource writerPool;
  private final HikariDataSource readerPool;
  private final Jdbi writes;
  private final Jdbi reads;

  private SqliteDatabase(
      Path file, OpenedFile opened, HikariDataSource writerPool, HikariDataSource readerPool) {
    this.file = file;
    this.opened = opened;
    this.writerPool = writerPool;
    this.readerPool = readerPool;
    this.writes = Jdbi.create(writerPool);
    // Through readConnection(), so Jdbi's reads are refused as the lookups' are.
    this.reads = Jdbi.create(this::readConnection);
  }

  /**
   * Opens the database at {@code file}, creating it only when {@code createIfMissing}, and applies
   * pending migrations.
   *
   * @throws DatabaseUnavailableException when the file is missing (and may not be created), is not
   *     a SQLite database, or cannot be opened
   * @throws io.filesight.adapter.persistence.DatabaseConfigurationException when a newer filesight
   *     migrated it
   */
  public static SqliteDatabase open(Path file, boolean createIfMissing) {
    Path absolute = file.toAbsolutePath().normalize();
    checkFile(absolute, createIfMissing);
    migrate(absolute);
    OpenedFile opened = OpenedFile.record(absolute);
    HikariDataSource writer = null;
    try {
      writer = pool(opened, absolute, writerConfig(), 1, "filesight-writer", false);
      HikariDataSource reader =
          pool(opened, absolute, readerConfig(), READ_POOL_SIZE, "filesight-reader", true);
      return new SqliteDatabase(absolute, opened, writer, reader);
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      throw new DatabaseUnavailableException(
          "cannot open the database " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  /** Jdbi over the single writer connection; its transactions begin IMMEDIATE. */
  @Override
  public Jdbi writes() {
    return writes;
  }

  /** Jdbi over the read-only pool. */
  @Override
  public Jdbi reads() {
    return reads;
  }

  /**
   * A connection of the read-only pool, once the file is known to be the one opened.
   *
   * @throws io.filesight.application.port.out.StoreRetiredException when the file was replaced,
   *     deleted or reported damaged
   */
  @Override
  public Connection readConnection() throws SQLException {
    opened.checkRecently();
    return readerPool.getConnection();
  }

  @Override
  public void checkStillUsable() {
    opened.check();
  }

  /** Corruption retires the database; a failure of a retired or replaced one is the retirement. */
  @Override
  public StoreUnavailableException readFailed(Exception cause) {
    if (isCorruption(cause)) {
      return opened.retire(
          /* damaged= */ true,
          "the database "
              + file
              + " is damaged ("
              + cause.getMessage()
              + "): reads stop until a restart; check it with filesight verify and restore or"
              + " repair it first");
    }
    try {
      opened.check();
    } catch (StoreUnavailableException e) {
      return e;
    }
    return Database.super.readFailed(cause);
  }

  /**
   * Runs SQLite's full {@code PRAGMA integrity_check} on the file, read-only and without migrating
   * it; returns what SQLite reports, empty when the file is sound.
   *
   * @throws DatabaseUnavailableException when there is no SQLite database at {@code file}, or it
   *     cannot be read
   */
  public static List<String> integrityCheck(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    checkFile(absolute, false);
    SQLiteDataSource dataSource = new SQLiteDataSource(readerConfig());
    dataSource.setUrl(url(absolute));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
      List<String> problems = new ArrayList<>();
      while (rows.next()) {
        problems.add(rows.getString(1));
      }
      return problems.equals(List.of("ok")) ? List.of() : problems;
    } catch (SQLException e) {
      if (isCorruption(e)) {
        return List.of(e.getMessage());
      }
      throw new DatabaseUnavailableException(
          "cannot check the database " + absolute + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads where the schema of the database at {@code file} stands, and runs SQLite's quick check as
   * a start would, read-only and without migrating it.
   *
   * @throws DatabaseUnavailableException when there is no SQLite database at {@code file}, it
   *     cannot be read, or it fails the quick check
   * @throws io.filesight.adapter.persistence.DatabaseConfigurationException when a newer filesight
   *     migrated it
   */
  public static SchemaStatus inspect(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    checkFile(absolute, false);
    SQLiteDataSource dataSource = new SQLiteDataSource(readerConfig());
    dataSource.setUrl(url(absolute));
    SchemaStatus status;
    try {
      status =
          Migrations.status(
              Flyway.configure()
                  .dataSource(dataSource)
                  .locations(Migrations.locations("sqlite"))
                  .failOnMissingLocations(true)
                  .load(),
              absolute.toString());
    } catch (FlywayException e) {
      throw new DatabaseUnavailableException(
          "cannot read the schema of the database " + absolute + ": " + e.getMessage(), e);
    }
    List<String> problems = SqliteBackup.quickCheck(absolute);
    if (!problems.isEmpty()) {
      throw new DatabaseUnavailableException(
          "the database "
              + absolute
              + " failed its integrity check: "
              + String.join("; ", problems));
    }
    return status;
  }

  /** Whether SQLite reported the file damaged anywhere in {@code failure}'s causes. */
  static boolean isCorruption(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        // Extended codes (SQLITE_CORRUPT_INDEX, ...) keep the primary code in the low byte.
        int code = ((SQLException) t).getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A SQLite transaction reads one snapshot of the file whatever the level. */
  @Override
  public TransactionIsolationLevel snapshotIsolation() {
    return TransactionIsolationLevel.UNKNOWN;
  }

  /**
   * Runs {@code PRAGMA quick_check}.
   *
   * @throws DatabaseUnavailableException naming the problems SQLite reports
   */
  public void quickCheck() {
    List<String> problems =
        reads.withHandle(h -> h.createQuery("PRAGMA quick_check").mapTo(String.class).list());
    if (!problems.equals(List.of("ok"))) {
      throw new DatabaseUnavailableException(
          "the database " + file + " failed its integrity check: " + String.join("; ", problems));
    }
  }

  @Override
  public void close() {
    readerPool.close();
    writerPool.close();
  }

  static void checkFile(Path file, boolean createIfMissing) {
    if (!Files.exists(file)) {
      if (!createIfMissing) {
        throw new DatabaseUnavailableException(
            "no database at "
                + file
                + ": import data first (the first import creates it) or fix the path");
      }
      try {
        Path parent = file.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw new DatabaseUnavailableException(
            "cannot create the directory of the database " + file + ": " + e.getMessage(), e);
      }
      return;
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new DatabaseUnavailableException(
          file + " is not a readable file, so it cannot be the database");
    }
    byte[] header = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot read the database " + file + ": " + e.getMessage(), e);
    }
    // An empty file is what SQLite itself would turn into a database: only accept it when asked to.
    boolean empty = read == 0;
    if (empty ? !createIfMissing : !Arrays.equals(header, SQLITE_HEADER)) {
      throw new DatabaseUnavailableException(
          file + " is not a SQLite database (wrong header); refusing to use or overwrite it");
    }
  }

  private static void migrate(Path file) {
    SQLiteDataSource dataSource = new SQLiteDataSource(writerConfig());
    dataSource.setUrl(url(file));
    try {
      Migrations.apply(
          Flyway.configure()
              .dataSource(dataSource)
              .locations(Migrations.locations("sqlite"))
              .failOnMissingLocations(true)
              .load(),
          file.toString());
    } catch (FlywayException e) {
      throw new DatabaseUnavailableException(
          "cannot migrate the database " + file + ": " + e.getMessage(), e);
    }
    checkJournalMode(dataSource, file);
  }

  private static void checkJournalMode(SQLiteDataSource dataSource, Path file) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
        throw new DatabaseUnavailableException(
            "the database " + file + " could not be switched to WAL journaling");
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  private static HikariDataSource pool(
      OpenedFile opened, Path file, SQLiteConfig config, int size, String name, boolean readOnly) {
    SQLiteDataSource dataSource = new OpenedFileDataSource(config, opened);
    dataSource.setUrl(url(file));
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(dataSource);
    hikari.setPoolName(name);
    // Hikari resets each connection's read-only flag, which SQLite only accepts when unchanged.
    hikari.setReadOnly(readOnly);
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(1);
    // The single writer is shared by importers: waiting for it must outlast a long batch.
    hikari.setConnectionTimeout(60_000);
    return new HikariDataSource(hikari);
  }

  private static SQLiteConfig writerConfig() {
    SQLiteConfig config = common();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // Readers never block the writer in WAL; IMMEDIATE takes the write lock at BEGIN so two
    // processes importing at once wait (busy_timeout) instead of failing on lock upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(WRITER_BUSY_TIMEOUT_MILLIS);
    // Imports insert in key order per batch but all over the table: a larger page cache (native
    // memory, not Java heap) keeps the upper B-tree levels hot.
    config.setCacheSize(-WRITER_CACHE_KIB);
    // Each checkpoint fsyncs; checkpointing every 64 MB of WAL instead of every 4 MB keeps
    // batched imports from spending most of their time there.
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "16384");
    // An import's staged batches and its sorts go to temporary files (the OS page cache, spilling
    // to the temp directory) rather than to native memory: a 10M-record import would otherwise
    // hold over a gigabyte of them in the process.
    config.setTempStore(SQLiteConfig.TempStore.FILE);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = common();
    config.setReadOnly(true);
    return config;
  }

  private static SQLiteConfig common() {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }

  /**
   * Opens connections only to the opened file: the pool replaces connections as they age or idle,
   * and a connection opened after the file was replaced would read the other store.
   */
  private static final class OpenedFileDataSource extends SQLiteDataSource {
    private static final long serialVersionUID = 1L;
    private final transient OpenedFile opened;

    OpenedFileDataSource(SQLiteConfig config, OpenedFile opened) {
      super(config);
      this.opened = opened;
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
      SQLiteConnection connection = super.getConnection(username, password);
      try {
        // After opening: a file replaced before then fails the check, so is never read.
        opened.check();
        return connection;
      } catch (RuntimeException e) {
        connection.close();
        throw new SQLException(e.getMessage(), e);
      }
    }
  }
}
