package io.filesight.adapter.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.filesight.adapter.persistence.ConnectionPoolGauges;
import io.filesight.adapter.persistence.Database;
import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.adapter.persistence.JdbiQuotaPolicyStore;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Secondary adapter infrastructure: one SQLite file configured for a server (WAL, one writer
 * connection with IMMEDIATE transactions, a small read-only pool). {@link #create} only checks the
 * file; {@link #migrate} brings its schema to this build's and opens the pools, and until then
 * every use answers {@link DatabaseUnavailableException}, so a server can listen while it opens.
 * With no migration pending, opening only reads, so it never waits for another process that writes.
 * The process serves only the file it opened: once the path names another file or none, or SQLite
 * reports corruption, every read fails until a restart (see {@link OpenedFile}).
 */
public final class SqliteDatabase implements Database {
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /**
   * How long a writer waits for another process's write lock unless told otherwise: an import holds
   * it for a whole batch (read, staged and moved: 2–15 s for a million records on two cores), and a
   * first import's last batch for the move of its whole backlog (about 35 s for 10M records), so a
   * second import or a machine import waits for that rather than failing.
   */
  public static final Duration DEFAULT_WRITE_LOCK_WAIT = Duration.ofSeconds(120);

  private static final int READ_POOL_SIZE = 4;
  private static final int WRITER_CACHE_KIB = 128 * 1024;

  /** SQLite's primary result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB. */
  private static final int SQLITE_CORRUPT = 11;

  private static final int SQLITE_NOTADB = 26;

  /** SQLite's primary result code for a lock held elsewhere: SQLITE_BUSY. */
  private static final int SQLITE_BUSY = 5;

  private static final String WRITER_POOL = "filesight-writer";
  private static final String READER_POOL = "filesight-reader";

  private final Path file;
  private final WriteLockWait lockWait;
  private final Jdbi writes;
  private final Jdbi reads;

  /** The opened file and its pools; null until {@link #migrate} has opened them. */
  private volatile Opened opened;

  private SqliteDatabase(Path file, WriteLockWait lockWait) {
    this.file = file;
    this.lockWait = lockWait;
    // Through the checked accessors, so Jdbi's uses are refused as the lookups' are.
    this.writes = Jdbi.create(this::writeConnection);
    this.reads = Jdbi.create(this::readConnection);
  }

  /**
   * Opens the database at {@code file}, creating it only when {@code createIfMissing}, and applies
   * pending migrations, waiting at most {@link #DEFAULT_WRITE_LOCK_WAIT} for another process's
   * write lock.
   *
   * @throws DatabaseUnavailableException when the file is missing (and may not be created), is not
   *     a SQLite database, or cannot be opened
   * @throws io.filesight.adapter.persistence.DatabaseConfigurationException when a newer filesight
   *     migrated it
   */
  public static SqliteDatabase open(Path file, boolean createIfMissing) {
    SqliteDatabase database = create(file, createIfMissing, DEFAULT_WRITE_LOCK_WAIT);
    database.migrate(false);
    return database;
  }

  /**
   * The database at {@code file}, checked to be a SQLite file (or missing, when {@code
   * createIfMissing}) but not opened yet: {@link #migrate} opens it. Its writers wait at most
   * {@code writeLockWait} for another process's write lock.
   *
   * @throws DatabaseUnavailableException when the file is missing (and may not be created) or is
   *     not a SQLite database
   */
  public static SqliteDatabase create(Path file, boolean createIfMissing, Duration writeLockWait) {
    Path absolute = file.toAbsolutePath().normalize();
    checkFile(absolute, createIfMissing);
    SqliteFailures.staleSharedMemory(absolute)
        .ifPresent(
            line -> {
              throw new DatabaseUnavailableException(line);
            });
    return new SqliteDatabase(absolute, new WriteLockWait(absolute, writeLockWait));
  }

  /**
   * Applies pending migrations, opens the pools and, when {@code quickCheck}, runs {@code PRAGMA
   * quick_check}; only then may the database be used. With nothing pending it only reads; a pending
   * migration waits for another process's write lock within the bound, logging one line.
   *
   * @throws DatabaseUnavailableException when the file cannot be opened, the lock did not come
   *     within the bound, or the quick check found damage
   * @throws io.filesight.adapter.persistence.DatabaseConfigurationException when a newer filesight
   *     migrated it
   */
  public synchronized void migrate(boolean quickCheck) {
    if (opened != null) {
      return;
    }
    migrateSchema();
    OpenedFile identity = OpenedFile.record(file);
    HikariDataSource writer = null;
    HikariDataSource reader = null;
    try {
      writer = pool(identity, writerConfig(), 1, WRITER_POOL, false);
      reader = pool(identity, readerConfig(), READ_POOL_SIZE, READER_POOL, true);
    } catch (RuntimeException e) {
      closeAll(reader, writer);
      throw unavailable("cannot open the database " + file, file, e);
    }
    Opened candidate = new Opened(identity, writer, reader);
    try {
      if (quickCheck) {
        quickCheck(Jdbi.create(reader));
      }
    } catch (RuntimeException e) {
      closeAll(reader, writer);
      throw e;
    }
    opened = candidate;
  }

  /** Whether {@link #migrate} has opened the database. */
  public boolean migrated() {
    return opened != null;
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
    Opened now = ready();
    now.file().checkRecently();
    return now.readers().getConnection();
  }

  /** The writer connection, once the database is open. */
  private Connection writeConnection() throws SQLException {
    return ready().writer().getConnection();
  }

  @Override
  public void checkStillUsable() {
    ready().file().check();
  }

  /** Corruption retires the database; a failure of a retired or replaced one is the retirement. */
  @Override
  public StoreUnavailableException readFailed(Exception cause) {
    Opened now = opened;
    if (now == null) {
      return Database.super.readFailed(cause);
    }
    if (isCorruption(cause)) {
      return now.file()
          .retire(
              /* damaged= */ true,
              "the database "
                  + file
                  + " is damaged ("
                  + cause.getMessage()
                  + "): reads stop until a restart; check it with filesight verify and restore or"
                  + " repair it first");
    }
    try {
      now.file().check();
    } catch (StoreUnavailableException e) {
      return e;
    }
    return SqliteFailures.explain(file, cause)
        .<StoreUnavailableException>map(line -> new DatabaseUnavailableException(line, cause))
        .orElseGet(() -> Database.super.readFailed(cause));
  }

  /**
   * Another process's write lock held past the bound is named as such, and any other cause SQLite
   * reports (a full disk, a read-only file, ...) in plain words, in one line.
   */
  @Override
  public DatabaseUnavailableException writeFailed(Exception cause) {
    if (isBusy(cause)) {
      return new DatabaseUnavailableException(
          "gave up after waiting "
              + lockWait.bound().toSeconds()
              + " s for another process's write lock on "
              + file
              + " (an import or copy running?); nothing already committed is lost: run this again"
              + " once it has finished",
          cause);
    }
    return SqliteFailures.explain(file, cause)
        .map(line -> new DatabaseUnavailableException(line, cause))
        .orElseGet(() -> Database.super.writeFailed(cause));
  }

  private Opened ready() {
    Opened now = opened;
    if (now == null) {
      throw new DatabaseUnavailableException(
          "the database " + file + " is not open yet (start-up is migrating or checking it)");
    }
    return now;
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
      throw unavailable("cannot check the database " + absolute, absolute, e);
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
    try (Connection connection = dataSource.getConnection()) {
      return status.withQuotaPolicy(JdbiQuotaPolicyStore.read(connection, absolute.toString()));
    } catch (SQLException e) {
      throw unavailable("cannot read the quota policy of the database " + absolute, absolute, e);
    }
  }

  /** Whether SQLite reported the file damaged anywhere in {@code failure}'s causes. */
  static boolean isCorruption(Throwable failure) {
    return hasPrimaryCode(failure, SQLITE_CORRUPT) || hasPrimaryCode(failure, SQLITE_NOTADB);
  }

  /** Whether SQLite reported a lock held elsewhere anywhere in {@code failure}'s causes. */
  static boolean isBusy(Throwable failure) {
    return hasPrimaryCode(failure, SQLITE_BUSY);
  }

  private static boolean hasPrimaryCode(Throwable failure, int primary) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Extended codes (SQLITE_CORRUPT_INDEX, SQLITE_BUSY_SNAPSHOT, ...) keep the primary code in
      // the low byte.
      if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == primary) {
        return true;
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
    quickCheck(reads);
  }

  private void quickCheck(Jdbi reads) {
    List<String> problems;
    try {
      problems =
          reads.withHandle(h -> h.createQuery("PRAGMA quick_check").mapTo(String.class).list());
    } catch (JdbiException e) {
      throw unavailable("cannot check the database " + file, file, e);
    }
    if (!problems.equals(List.of("ok"))) {
      List<String> findings = findings(problems);
      throw new DatabaseUnavailableException(
          SqliteFailures.damaged(
              file,
              "SQLite's quick check found "
                  + findings.size()
                  + (findings.size() == 1 ? " problem: " : " problems, the first: ")
                  + findings.get(0)));
    }
  }

  @Override
  public List<ConnectionPoolGauges> connectionPools() {
    return List.of(
        new ConnectionPoolGauges(WRITER_POOL, () -> opened == null ? null : opened.writer()),
        new ConnectionPoolGauges(READER_POOL, () -> opened == null ? null : opened.readers()));
  }

  @Override
  public void close() {
    Opened now = opened;
    if (now != null) {
      // The writer last: only the last connection to close removes -wal and -shm, and a read-only
      // one cannot, which would leave them to the next user of the file.
      closeAll(now.readers(), now.writer());
    }
  }

  private static void closeAll(HikariDataSource... pools) {
    for (HikariDataSource pool : pools) {
      if (pool != null) {
        pool.close();
      }
    }
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

  /**
   * Reads the schema history without taking a lock; only with a migration pending waits for the
   * write lock (saying so) and migrates. A file already in WAL mode is left as it is: switching the
   * journal mode takes the write lock.
   */
  private void migrateSchema() {
    SQLiteDataSource reading = new SQLiteDataSource(readingConfig());
    reading.setUrl(url(file));
    boolean pending;
    try {
      pending = Migrations.pending(flyway(reading), file.toString());
    } catch (FlywayException e) {
      throw unavailable("cannot read the schema of the database " + file, file, e);
    }
    if (!pending && isWal(reading)) {
      return;
    }
    SQLiteDataSource writing = new WaitingDataSource(writerConfig(), lockWait);
    writing.setUrl(url(file));
    awaitWriteLock(writing);
    try {
      flyway(writing).migrate();
    } catch (FlywayException e) {
      throw unavailable("cannot migrate the database " + file, file, e);
    }
    if (!isWal(writing)) {
      throw new DatabaseUnavailableException(
          "the database " + file + " could not be switched to WAL journaling");
    }
  }

  private static Flyway flyway(SQLiteDataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(Migrations.locations("sqlite"))
        .failOnMissingLocations(true)
        .load();
  }

  /**
   * Waits, within the bound, until no other process holds the write lock, so that a migration
   * starts at once (a lock taken in between is waited for by the migration's own connection).
   */
  private void awaitWriteLock(SQLiteDataSource writing) {
    try (Connection connection = writing.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      DatabaseUnavailableException failure = writeFailed(e);
      if (isBusy(e)) {
        throw failure;
      }
      throw unavailable("cannot open the database " + file, file, e);
    }
  }

  private boolean isWal(SQLiteDataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      return mode.next() && "wal".equalsIgnoreCase(mode.getString(1));
    } catch (SQLException e) {
      throw unavailable("cannot open the database " + file, file, e);
    }
  }

  /**
   * The exception for {@code failure} while {@code doing} something to the database {@code file}:
   * the cause in plain words where SQLite reports one {@link SqliteFailures} knows, else the first
   * line of the failure's own message (Flyway's span many).
   */
  private static DatabaseUnavailableException unavailable(
      String doing, Path file, Throwable failure) {
    return new DatabaseUnavailableException(
        SqliteFailures.explain(file, failure)
            .orElseGet(() -> doing + ": " + firstLine(String.valueOf(failure.getMessage()))),
        failure);
  }

  /**
   * The problems of an integrity check, one to a line, without the lines that only name the schema
   * ({@code *** in database main ***}); SQLite returns several in one row at times.
   */
  private static List<String> findings(List<String> rows) {
    List<String> findings = new ArrayList<>();
    for (String row : rows) {
      for (String line : row.split("\n")) {
        String finding = line.strip();
        if (!finding.isEmpty() && !finding.startsWith("***")) {
          findings.add(finding);
        }
      }
    }
    return findings.isEmpty() ? List.of(String.join(" ", rows).strip()) : findings;
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end).strip();
  }

  private HikariDataSource pool(
      OpenedFile identity, SQLiteConfig config, int size, String name, boolean readOnly) {
    SQLiteDataSource dataSource =
        new OpenedFileDataSource(config, readOnly ? null : lockWait, identity);
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
    // processes importing at once wait (WriteLockWait) instead of failing on lock upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
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

  /**
   * Reads the schema history of a file that may not exist yet: DEFERRED transactions, which take no
   * write lock unless they write, and the journal mode left as the file has it.
   */
  private static SQLiteConfig readingConfig() {
    return common();
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

  /** A data source whose connections wait for another process's write lock as {@code wait} says. */
  private static class WaitingDataSource extends SQLiteDataSource {
    private static final long serialVersionUID = 1L;
    private final transient WriteLockWait wait;

    WaitingDataSource(SQLiteConfig config, WriteLockWait wait) {
      super(config);
      this.wait = wait;
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
      SQLiteConnection connection = super.getConnection(username, password);
      if (wait != null) {
        try {
          wait.install(connection);
        } catch (SQLException | RuntimeException e) {
          connection.close();
          throw e;
        }
      }
      return connection;
    }
  }

  /**
   * Opens connections only to the opened file: the pool replaces connections as they age or idle,
   * and a connection opened after the file was replaced would read the other store.
   */
  private static final class OpenedFileDataSource extends WaitingDataSource {
    private static final long serialVersionUID = 1L;
    private final transient OpenedFile opened;

    OpenedFileDataSource(SQLiteConfig config, WriteLockWait wait, OpenedFile opened) {
      super(config, wait);
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

  /** The file as opened and its pools: one writer connection, a few read-only ones. */
  private record Opened(OpenedFile file, HikariDataSource writer, HikariDataSource readers) {}
}
