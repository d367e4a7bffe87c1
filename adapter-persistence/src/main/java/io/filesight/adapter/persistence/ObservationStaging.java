package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The import's bulk path on SQLite: a chunk of observations is appended to unindexed tables, then
 * moved into {@code seen_file} and {@code observation} with one sorted {@code INSERT ... SELECT}
 * each, on the caller's transaction. One instance per import, used by one thread.
 *
 * <p>Why: the observation key is a random SHA-1, so record-by-record upserts dirty about one index
 * page each once the index outgrows the page cache, and every dirtied page is written to the WAL at
 * commit. Moving a large chunk in key order visits each index page at most once per chunk, so a
 * chunk costs about one pass over the index however many records it holds.
 *
 * <p>That pass is still paid once per chunk, over an index that grows with every chunk. An import
 * into a store with no observations yet therefore appends its chunks to the backlog tables ({@code
 * seen_file_backlog}, {@code observation_backlog}) instead, each committed with its batch, and its
 * last batch ({@link #move}) moves the whole backlog in one sorted pass, filling the empty indexes
 * in key order. Lookups see such an import's files and observations when it ends. Rows an
 * interrupted import left in the backlog are moved by the next {@link #move} of any import.
 *
 * <p>A file's details are staged once per batch, and not at all while they are those a previous
 * batch of this import stored, or committed to the backlog (see {@link FileFingerprints}); the
 * import assumes no other writer changes those files meanwhile.
 *
 * <p>Results are those of {@link StoreWrites#upsertObservations(Connection, List)}: first and last
 * seen are the minimum and maximum time, and a file keeps any new SHA-256, MD5 or name. Two
 * differences, both within one chunk (the whole backlog counting as one): when the records of one
 * file disagree on a SHA-256, MD5 or name, one of them is kept; and a (file, machine) seen several
 * times counts once.
 */
public final class ObservationStaging {
  // TEMP tables belong to the connection and never touch the database file; they roll back with
  // the chunk's transaction.
  private static final String CREATE_FILES =
      "CREATE TEMP TABLE IF NOT EXISTS staged_file ("
          + " sha1 TEXT NOT NULL, sha256 TEXT, md5 TEXT, file_name TEXT)";
  private static final String CREATE_OBSERVATIONS =
      "CREATE TEMP TABLE IF NOT EXISTS staged_observation ("
          + " sha1 TEXT NOT NULL, machine_id TEXT NOT NULL, seen_ns INTEGER)";
  private static final Tables STAGED = new Tables("temp.staged_file", "temp.staged_observation");
  private static final Tables BACKLOG = new Tables("seen_file_backlog", "observation_backlog");
  private static final String NO_OBSERVATIONS = "SELECT NOT EXISTS (SELECT 1 FROM observation)";
  private static final String ANY_BACKLOG =
      "SELECT EXISTS (SELECT 1 FROM seen_file_backlog)"
          + " OR EXISTS (SELECT 1 FROM observation_backlog)";
  private static final String LAST_ROWID = "SELECT COALESCE(MAX(rowid), 0) FROM observation";

  /** Helper threads SQLite may use to sort a large move; more than 4 gained nothing measurable. */
  private static final int SORT_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

  private final FileFingerprints files = new FileFingerprints();

  /** Whether this import appends its chunks to the backlog; decided by its first chunk. */
  private Boolean deferring;

  /** Whether the backlog may hold rows: this import's, or an interrupted one's. */
  private boolean backlog;

  /** Appends {@code observations} to the chunk. */
  public void stage(Connection connection, List<Observation> observations) throws SQLException {
    createTables(connection);
    if (deferring == null) {
      deferring = ask(connection, NO_OBSERVATIONS);
      backlog = ask(connection, ANY_BACKLOG);
      try (Statement threads = connection.createStatement()) {
        // A setting of this connection, the import's writer.
        threads.execute("PRAGMA threads = " + SORT_THREADS);
      }
    }
    Tables into = deferring ? BACKLOG : STAGED;
    try (PreparedStatement file = connection.prepareStatement(into.stageFile)) {
      boolean any = false;
      for (Observation observation : observations) {
        String sha1 = observation.sha1().hex();
        String sha256 = StoreWrites.hexOrNull(observation.sha256());
        String md5 = StoreWrites.hexOrNull(observation.md5());
        if (files.stage(sha1, sha256, md5, observation.fileName())) {
          file.setString(1, sha1);
          file.setString(2, sha256);
          file.setString(3, md5);
          file.setString(4, observation.fileName());
          file.addBatch();
          any = true;
        }
      }
      if (any) {
        file.executeBatch();
      }
    }
    try (PreparedStatement stage = connection.prepareStatement(into.stageObservation)) {
      for (Observation observation : observations) {
        stage.setString(1, observation.sha1().hex());
        stage.setString(2, observation.machine().value());
        StoreWrites.setLong(stage, 3, EpochNanos.of(observation.at()));
        stage.addBatch();
      }
      stage.executeBatch();
    }
  }

  /**
   * Ends a batch that more batches of this import follow: it is moved as by {@link #move}, or, when
   * this import appends to the backlog, left there for the last batch's {@link #move} and counted
   * then.
   */
  public WriteCounts moveSome(Connection connection) throws SQLException {
    if (!Boolean.TRUE.equals(deferring)) {
      return move(connection);
    }
    // Counted as stored now: should the commit fail, the import stops and this instance with it.
    files.committed();
    backlog = true;
    return new WriteCounts(0, 0);
  }

  /**
   * Moves the chunk, and everything in the backlog, into the store and starts a new chunk. Inserted
   * counts new (file, machine) rows; updated counts existing ones whose time span widened.
   */
  public WriteCounts move(Connection connection) throws SQLException {
    createTables(connection);
    try (Statement statement = connection.createStatement()) {
      boolean fromBacklog = backlog || ask(connection, ANY_BACKLOG);
      // Files first: observations refer to them.
      statement.executeUpdate(STAGED.moveFiles);
      if (fromBacklog) {
        statement.executeUpdate(BACKLOG.moveFiles);
      }
      long lastRowid = lastRowid(statement);
      long changed = statement.executeUpdate(STAGED.moveObservations);
      if (fromBacklog) {
        changed += statement.executeUpdate(BACKLOG.moveObservations);
      }
      // Without an explicit rowid, SQLite gives each new row the largest rowid plus one, so the
      // growth of the largest rowid is the number of rows inserted, and the other changes are
      // widened rows. Counting the keys that existed would cost another pass over the index.
      long inserted = lastRowid(statement) - lastRowid;
      STAGED.clear(statement);
      if (fromBacklog) {
        BACKLOG.clear(statement);
      }
      // Counted as stored now: should the commit fail, the import stops and this instance with it.
      files.committed();
      backlog = false;
      return new WriteCounts(inserted, changed - inserted);
    } catch (SQLException | RuntimeException e) {
      files.forgetBatch();
      throw e;
    }
  }

  private static void createTables(Connection connection) throws SQLException {
    try (Statement create = connection.createStatement()) {
      create.execute(CREATE_FILES);
      create.execute(CREATE_OBSERVATIONS);
    }
  }

  private static boolean ask(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getBoolean(1);
    }
  }

  private static long lastRowid(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery(LAST_ROWID)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** A pair of unindexed tables that chunks are appended to, and the statements that empty them. */
  private static final class Tables {
    final String stageFile;
    final String stageObservation;
    final String moveFiles;
    final String moveObservations;
    private final String clearFiles;
    private final String clearObservations;

    Tables(String files, String observations) {
      stageFile = "INSERT INTO " + files + " (sha1, sha256, md5, file_name) VALUES (?, ?, ?, ?)";
      stageObservation =
          "INSERT INTO " + observations + " (sha1, machine_id, seen_ns) VALUES (?, ?, ?)";
      // WHERE true: SQLite needs a WHERE clause to parse an upsert after a SELECT.
      moveFiles =
          "INSERT INTO seen_file (sha1, sha256, md5, file_name)"
              + " SELECT sha1, MAX(sha256), MAX(md5), MAX(file_name) FROM "
              + files
              + " WHERE true GROUP BY sha1 ORDER BY sha1"
              + StoreWrites.FILE_CONFLICT;
      moveObservations =
          "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
              + " SELECT sha1, machine_id, MIN(seen_ns), MAX(seen_ns) FROM "
              + observations
              + " WHERE true GROUP BY sha1, machine_id ORDER BY sha1, machine_id"
              + " ON CONFLICT (sha1, machine_id) DO UPDATE SET"
              + " first_seen_ns = CASE WHEN observation.first_seen_ns IS NULL"
              + "   OR observation.first_seen_ns > excluded.first_seen_ns"
              + "   THEN excluded.first_seen_ns ELSE observation.first_seen_ns END,"
              + " last_seen_ns = CASE WHEN observation.last_seen_ns IS NULL"
              + "   OR observation.last_seen_ns < excluded.last_seen_ns"
              + "   THEN excluded.last_seen_ns ELSE observation.last_seen_ns END"
              + " WHERE (excluded.first_seen_ns IS NOT NULL AND (observation.first_seen_ns IS NULL"
              + "   OR observation.first_seen_ns > excluded.first_seen_ns))"
              + " OR (excluded.last_seen_ns IS NOT NULL AND (observation.last_seen_ns IS NULL"
              + "   OR observation.last_seen_ns < excluded.last_seen_ns))";
      clearFiles = "DELETE FROM " + files;
      clearObservations = "DELETE FROM " + observations;
    }

    void clear(Statement statement) throws SQLException {
      statement.executeUpdate(clearFiles);
      statement.executeUpdate(clearObservations);
    }
  }
}
