package io.filesight.adapter.persistence.sqlite;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.adapter.persistence.FileFingerprints;
import io.filesight.adapter.persistence.ImportBacklog;
import io.filesight.adapter.persistence.StoreWrites;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * seen_file_backlog}, and {@code observation_backlog_0} to {@code _f} by the first hex digit of the
 * SHA-1) instead, each committed with its batch, and its last batch ({@link #move}) moves the whole
 * backlog, one table at a time in key order, each sorted and emptied before the next: the empty
 * indexes fill in key order once, and the next table's rows reuse the pages each one frees, so the
 * store is left with about one table's worth of free pages rather than the whole backlog's. Lookups
 * see such an import's files and observations when it ends. Rows an interrupted import left in the
 * backlog are moved by the next {@link #move} of any import; a rerun of the same file resumes after
 * them instead of appending them again (see {@code WriterSession#resume}).
 *
 * <p>A file's details are staged once per batch, and not at all while they are those a previous
 * batch of this import stored, or that this import or an interrupted one committed to the backlog
 * (see {@link FileFingerprints}); the import assumes no other writer changes those files meanwhile.
 *
 * <p>First and last seen are the minimum and maximum time, and a file keeps any new SHA-256, MD5 or
 * name. Within one chunk (the whole backlog counting as one), when the records of one file disagree
 * on a SHA-256, MD5 or name, one of them is kept, and a (file, machine) seen several times counts
 * once.
 */
final class ObservationStaging {
  // TEMP tables belong to the connection and never touch the database file; they roll back with
  // the chunk's transaction.
  private static final String CREATE_FILES =
      "CREATE TEMP TABLE IF NOT EXISTS staged_file ("
          + " sha1 TEXT NOT NULL, sha256 TEXT, md5 TEXT, file_name TEXT)";
  private static final String CREATE_OBSERVATIONS =
      "CREATE TEMP TABLE IF NOT EXISTS staged_observation ("
          + " sha1 TEXT NOT NULL, machine_id TEXT NOT NULL, seen_ns INTEGER)";
  // One table's rows grouped by (file, machine), in key order, while they are merged into a store
  // that holds observations already: sorted once, then read by the widening update and the insert.
  private static final String CREATE_GROUPED =
      "CREATE TEMP TABLE IF NOT EXISTS grouped_observation ("
          + " sha1 TEXT NOT NULL, machine_id TEXT NOT NULL, first_seen_ns INTEGER,"
          + " last_seen_ns INTEGER)";
  private static final FileTable STAGED_FILES = new FileTable("temp.staged_file");
  private static final ObservationTable STAGED_OBSERVATIONS =
      new ObservationTable("temp.staged_observation");
  private static final FileTable FILE_BACKLOG = new FileTable(ImportBacklog.FILE_TABLE);

  /** One backlog table per first hex digit of the SHA-1, in key order. */
  private static final List<ObservationTable> OBSERVATION_BACKLOG =
      ImportBacklog.OBSERVATION_TABLES.stream().map(ObservationTable::new).toList();

  /**
   * Widens [first, last] of the stored rows to the grouped ones and matches no unchanged row, so
   * its update count is the rows it widened. Each grouped row finds its stored row by the key.
   */
  static final String WIDEN =
      "UPDATE observation SET"
          + " first_seen_ns = CASE WHEN observation.first_seen_ns IS NULL"
          + "   OR observation.first_seen_ns > g.first_seen_ns"
          + "   THEN g.first_seen_ns ELSE observation.first_seen_ns END,"
          + " last_seen_ns = CASE WHEN observation.last_seen_ns IS NULL"
          + "   OR observation.last_seen_ns < g.last_seen_ns"
          + "   THEN g.last_seen_ns ELSE observation.last_seen_ns END"
          + " FROM temp.grouped_observation AS g"
          + " WHERE observation.sha1 = g.sha1 AND observation.machine_id = g.machine_id"
          + " AND ((g.first_seen_ns IS NOT NULL AND (observation.first_seen_ns IS NULL"
          + "   OR observation.first_seen_ns > g.first_seen_ns))"
          + " OR (g.last_seen_ns IS NOT NULL AND (observation.last_seen_ns IS NULL"
          + "   OR observation.last_seen_ns < g.last_seen_ns)))";

  private static final String NO_OBSERVATIONS = "SELECT NOT EXISTS (SELECT 1 FROM observation)";
  private static final String NOTHING_STAGED =
      "SELECT NOT EXISTS (SELECT 1 FROM temp.staged_observation)";

  /**
   * Helper threads SQLite may use to sort a large move: one per processor, at most 4. Measured on 2
   * cores only: with 2, a 10M-row move into an empty store took 28.6 s against 35.5 s (one run
   * each).
   */
  private static final int SORT_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

  private static final Logger LOG = LoggerFactory.getLogger(ObservationStaging.class);

  private final FileFingerprints files = new FileFingerprints();

  /** Observations this import appended to the backlog. */
  private long backlogged;

  /** Whether this import appends its chunks to the backlog; decided by its first chunk. */
  private Boolean deferring;

  /** Appends {@code observations} to the chunk. */
  void stage(Connection connection, List<Observation> observations) throws SQLException {
    createTables(connection);
    if (deferring == null) {
      deferring = ask(connection, NO_OBSERVATIONS);
      try (Statement threads = connection.createStatement()) {
        // A setting of this connection, the import's writer.
        threads.execute("PRAGMA threads = " + SORT_THREADS);
      }
      if (deferring) {
        ImportBacklog.knowFiles(connection, files);
      }
    }
    stageFiles(connection, observations, deferring ? FILE_BACKLOG : STAGED_FILES);
    if (deferring) {
      backlogged += observations.size();
      PreparedStatement[] tables = new PreparedStatement[OBSERVATION_BACKLOG.size()];
      try {
        for (Observation observation : observations) {
          String sha1 = observation.sha1().hex();
          int table = ImportBacklog.tableOf(sha1);
          if (tables[table] == null) {
            tables[table] = connection.prepareStatement(OBSERVATION_BACKLOG.get(table).stage);
          }
          addObservation(tables[table], observation);
        }
        for (PreparedStatement table : tables) {
          if (table != null) {
            table.executeBatch();
          }
        }
      } finally {
        for (PreparedStatement table : tables) {
          if (table != null) {
            table.close();
          }
        }
      }
    } else {
      try (PreparedStatement stage = connection.prepareStatement(STAGED_OBSERVATIONS.stage)) {
        for (Observation observation : observations) {
          addObservation(stage, observation);
        }
        stage.executeBatch();
      }
    }
  }

  /**
   * Ends a batch that more batches of this import follow: it is moved as by {@link #move}, or, when
   * this import appends to the backlog, left there for the last batch's {@link #move} and counted
   * then.
   */
  StoredCounts moveSome(Connection connection) throws SQLException {
    if (!isDeferring()) {
      return move(connection);
    }
    // Counted as stored now: should the commit fail, the import stops and this instance with it.
    files.committed();
    return new StoredCounts(0, 0);
  }

  /**
   * Moves the chunk, and everything in the backlog, into the store and starts a new chunk. Inserted
   * counts new (file, machine) rows; updated counts existing ones whose time span widened.
   */
  StoredCounts move(Connection connection) throws SQLException {
    createTables(connection);
    try (Statement statement = connection.createStatement()) {
      // This import's own backlog, or rows an interrupted import left there.
      boolean fromBacklog = isDeferring() || ImportBacklog.any(connection);
      if (fromBacklog) {
        // The one sign of this step, which can take a while without progress: the line that tells
        // a user why an import pauses at its end, and a test when to interrupt it there.
        LOG.info(
            "moving the backlog ({} observations staged by this import, with any an interrupted one"
                + " left) into the store",
            String.format(Locale.ROOT, "%,d", backlogged));
      }
      // Files first: observations refer to them.
      STAGED_FILES.move(statement);
      if (fromBacklog) {
        FILE_BACKLOG.move(statement);
      }
      List<ObservationTable> tables = new ArrayList<>();
      tables.add(STAGED_OBSERVATIONS);
      if (fromBacklog) {
        tables.addAll(OBSERVATION_BACKLOG);
      }
      // Into a store without observations, and from tables whose key ranges do not overlap (the
      // backlog's tables split by the first hex digit; this batch's staged rows are then empty,
      // since an import into such a store defers them), every grouped row is new: one insert a
      // table. Otherwise each table widens the rows that exist and inserts the others.
      boolean onlyNew =
          ask(connection, NO_OBSERVATIONS) && (!fromBacklog || ask(connection, NOTHING_STAGED));
      StoredCounts counts = StoredCounts.NONE;
      for (ObservationTable table : tables) {
        counts = counts.plus(onlyNew ? table.insert(statement) : table.merge(statement));
      }
      // Counted as stored now: should the commit fail, the import stops and this instance with it.
      files.committed();
      return counts;
    } catch (SQLException | RuntimeException e) {
      files.forgetBatch();
      throw e;
    }
  }

  private boolean isDeferring() {
    return Boolean.TRUE.equals(deferring);
  }

  private void stageFiles(Connection connection, List<Observation> observations, FileTable into)
      throws SQLException {
    try (PreparedStatement file = connection.prepareStatement(into.stage)) {
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
  }

  private static void addObservation(PreparedStatement stage, Observation observation)
      throws SQLException {
    stage.setString(1, observation.sha1().hex());
    stage.setString(2, observation.machine().value());
    StoreWrites.setLong(stage, 3, EpochNanos.of(observation.at()));
    stage.addBatch();
  }

  private static void createTables(Connection connection) throws SQLException {
    try (Statement create = connection.createStatement()) {
      create.execute(CREATE_FILES);
      create.execute(CREATE_OBSERVATIONS);
      create.execute(CREATE_GROUPED);
    }
  }

  private static boolean ask(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getBoolean(1);
    }
  }

  /** An unindexed table of files that chunks are appended to, moved into {@code seen_file}. */
  private static final class FileTable {
    final String stage;
    private final String move;
    private final String clear;

    FileTable(String name) {
      stage = "INSERT INTO " + name + " (sha1, sha256, md5, file_name) VALUES (?, ?, ?, ?)";
      // WHERE true: SQLite needs a WHERE clause to parse an upsert after a SELECT.
      move =
          "INSERT INTO seen_file (sha1, sha256, md5, file_name)"
              + " SELECT sha1, MAX(sha256), MAX(md5), MAX(file_name) FROM "
              + name
              + " WHERE true GROUP BY sha1 ORDER BY sha1"
              + StoreWrites.FILE_CONFLICT;
      clear = "DELETE FROM " + name;
    }

    /** Moves the table's files into the store, and empties it. */
    void move(Statement statement) throws SQLException {
      statement.executeUpdate(move);
      statement.executeUpdate(clear);
    }
  }

  /**
   * An unindexed table of sightings that chunks are appended to, moved into {@code observation}.
   */
  private static final class ObservationTable {
    private static final String GROUPED =
        " SELECT sha1, machine_id, MIN(seen_ns), MAX(seen_ns) FROM %s"
            + " GROUP BY sha1, machine_id ORDER BY sha1, machine_id";

    private static final String INSERT_NEW =
        "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
            + " SELECT * FROM temp.grouped_observation WHERE true"
            + " ON CONFLICT (sha1, machine_id) DO NOTHING";

    final String stage;
    private final String insert;
    private final String group;
    private final String clear;

    ObservationTable(String name) {
      stage = "INSERT INTO " + name + " (sha1, machine_id, seen_ns) VALUES (?, ?, ?)";
      // WHERE true: SQLite needs a WHERE clause to parse an upsert after a SELECT.
      insert =
          "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
              + String.format(GROUPED.replace(" GROUP BY", " WHERE true GROUP BY"), name)
              + " ON CONFLICT (sha1, machine_id) DO NOTHING";
      group = "INSERT INTO temp.grouped_observation" + String.format(GROUPED, name);
      clear = "DELETE FROM " + name;
    }

    /** Inserts the table's grouped sightings as new rows, and empties it. */
    StoredCounts insert(Statement statement) throws SQLException {
      long inserted = statement.executeUpdate(insert);
      statement.executeUpdate(clear);
      return new StoredCounts(inserted, 0);
    }

    /**
     * Merges the table's grouped sightings into the store, and empties it: the rows that exist
     * widen their span (counted as updated when it changed), the others are inserted.
     */
    StoredCounts merge(Statement statement) throws SQLException {
      statement.executeUpdate(group);
      long updated = statement.executeUpdate(WIDEN);
      long inserted = statement.executeUpdate(INSERT_NEW);
      statement.executeUpdate("DELETE FROM temp.grouped_observation");
      statement.executeUpdate(clear);
      return new StoredCounts(inserted, updated);
    }
  }
}
