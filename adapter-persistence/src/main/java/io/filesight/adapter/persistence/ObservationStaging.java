package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The import's bulk path on SQLite: a chunk of observations is appended to unindexed TEMP tables,
 * then moved into {@code seen_file} and {@code observation} with one sorted {@code INSERT ...
 * SELECT} each, on the caller's transaction. One instance per import, used by one thread.
 *
 * <p>Why: the observation key is a random SHA-1, so record-by-record upserts dirty about one index
 * page each once the index outgrows the page cache, and every dirtied page is written to the WAL at
 * commit. Moving a large chunk in key order visits each index page at most once per chunk, so a
 * chunk costs about one pass over the index however many records it holds.
 *
 * <p>A file's details are staged once per batch, and not at all while they are those a previous
 * batch of this import stored (see {@link FileFingerprints}); the import assumes no other writer
 * changes those files meanwhile.
 *
 * <p>Results are those of {@link StoreWrites#upsertObservations(Connection, List)}: first and last
 * seen are the minimum and maximum time, and a file keeps any new SHA-256, MD5 or name. Two
 * differences, both within one chunk: when the records of one file disagree on a SHA-256, MD5 or
 * name, one of them is kept; and a (file, machine) seen several times counts once.
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
  private static final String STAGE_FILE =
      "INSERT INTO temp.staged_file (sha1, sha256, md5, file_name) VALUES (?, ?, ?, ?)";
  private static final String STAGE_OBSERVATION =
      "INSERT INTO temp.staged_observation (sha1, machine_id, seen_ns) VALUES (?, ?, ?)";
  // WHERE true: SQLite needs a WHERE clause to parse an upsert after a SELECT.
  private static final String MOVE_FILES =
      "INSERT INTO seen_file (sha1, sha256, md5, file_name)"
          + " SELECT sha1, MAX(sha256), MAX(md5), MAX(file_name) FROM temp.staged_file"
          + " WHERE true GROUP BY sha1 ORDER BY sha1"
          + StoreWrites.FILE_CONFLICT;
  private static final String MOVE_OBSERVATIONS =
      "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
          + " SELECT sha1, machine_id, MIN(seen_ns), MAX(seen_ns) FROM temp.staged_observation"
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
  private static final String LAST_ROWID = "SELECT COALESCE(MAX(rowid), 0) FROM observation";
  private static final String CLEAR_FILES = "DELETE FROM temp.staged_file";
  private static final String CLEAR_OBSERVATIONS = "DELETE FROM temp.staged_observation";

  private final FileFingerprints files = new FileFingerprints();

  /** Appends {@code observations} to the chunk. */
  public void stage(Connection connection, List<Observation> observations) throws SQLException {
    createTables(connection);
    try (PreparedStatement file = connection.prepareStatement(STAGE_FILE)) {
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
    try (PreparedStatement stage = connection.prepareStatement(STAGE_OBSERVATION)) {
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
   * Moves the chunk into the store and starts a new one. Inserted counts new (file, machine) rows;
   * updated counts existing ones whose time span widened.
   */
  public WriteCounts move(Connection connection) throws SQLException {
    createTables(connection);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(MOVE_FILES);
      long lastRowid = lastRowid(statement);
      long changed = statement.executeUpdate(MOVE_OBSERVATIONS);
      // Without an explicit rowid, SQLite gives each new row the largest rowid plus one, so the
      // growth of the largest rowid is the number of rows inserted, and the other changes are
      // widened rows. Counting the keys that existed would cost another pass over the index.
      long inserted = lastRowid(statement) - lastRowid;
      statement.executeUpdate(CLEAR_FILES);
      statement.executeUpdate(CLEAR_OBSERVATIONS);
      // Counted as stored now: should the commit fail, the import stops and this instance with it.
      files.committed();
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

  private static long lastRowid(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery(LAST_ROWID)) {
      row.next();
      return row.getLong(1);
    }
  }
}
