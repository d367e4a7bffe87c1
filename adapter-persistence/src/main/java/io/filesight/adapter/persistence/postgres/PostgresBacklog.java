package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.FileFingerprints;
import io.filesight.adapter.persistence.ImportBacklog;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Observation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import's first-load path on PostgreSQL. An import into a store without observations appends
 * its batches, each committed, to the unindexed backlog tables ({@code seen_file_backlog}, and
 * {@code observation_backlog_0} to {@code _f} by the first hex digit of the SHA-1); its last commit
 * ({@link #move}) builds {@code seen_file} and {@code observation} from them once and empties them.
 *
 * <p>Why: upserting sorted batches into the observation key costs a pass over an index that grows
 * with every batch, most of a large first import's time. Into an empty store the last commit
 * instead groups the backlog into a new table with one statement, which PostgreSQL may spread over
 * parallel workers (one backlog table each), builds its primary key once, and swaps it in for the
 * empty one, all in the commit's transaction: lookups see the import's data when it ends, as on
 * SQLite, and an import killed before its end leaves its committed batches in the backlog. A store
 * that holds observations by then (another import wrote meanwhile) has the backlog upserted into it
 * instead, one table at a time.
 *
 * <p>The backlog belongs to one import at a time, the one holding a session-level advisory lock
 * ({@link #claim}) on its connection: an import that cannot take it writes through the per-batch
 * upsert and leaves the backlog alone. The holder of the lock moves any rows an interrupted import
 * left there; a rerun of the same file resumes after them (see {@code WriterSession#resume}).
 */
final class PostgresBacklog {
  /** The advisory lock's key, in this database: "filesigh" as a 64-bit number. */
  private static final long LOCK_KEY = 0x66696c6573696768L;

  private static final List<String> OBSERVATION_TABLES = ImportBacklog.OBSERVATION_TABLES;
  private static final String FILE_TABLE = ImportBacklog.FILE_TABLE;
  private static final String ALL_TABLES =
      FILE_TABLE + ", " + String.join(", ", OBSERVATION_TABLES);

  private static final String NO_OBSERVATIONS = "SELECT NOT EXISTS (SELECT 1 FROM observation)";

  /**
   * The grouped backlog as a new table: one branch per backlog table, whose key ranges do not
   * overlap, so that parallel workers can each group whole tables. Columns as in {@code
   * observation}; the primary key makes them NOT NULL.
   */
  private static final String BUILD_OBSERVATIONS =
      "CREATE TABLE observation_build AS "
          + OBSERVATION_TABLES.stream()
              .map(
                  t ->
                      "SELECT CAST(sha1 AS CHAR(40)) COLLATE \"C\" AS sha1,"
                          + " CAST(machine_id AS CHAR(40)) COLLATE \"C\" AS machine_id,"
                          + " MIN(seen_ns) AS first_seen_ns, MAX(seen_ns) AS last_seen_ns"
                          + " FROM "
                          + t
                          + " GROUP BY sha1, machine_id")
              .collect(Collectors.joining(" UNION ALL "));

  private static final List<String> SWAP_OBSERVATIONS =
      List.of(
          "ALTER TABLE observation_build"
              + " ADD CONSTRAINT observation_build_pkey PRIMARY KEY (sha1, machine_id)",
          "DROP TABLE observation",
          "ALTER TABLE observation_build RENAME TO observation",
          "ALTER TABLE observation RENAME CONSTRAINT observation_build_pkey TO observation_pkey",
          "ANALYZE observation");

  private static final String BUILD_FILES =
      "CREATE TABLE seen_file_build AS"
          + " SELECT CAST(sha1 AS CHAR(40)) COLLATE \"C\" AS sha1,"
          + " CAST(MAX(sha256) AS CHAR(64)) COLLATE \"C\" AS sha256,"
          + " CAST(MAX(md5) AS CHAR(32)) COLLATE \"C\" AS md5,"
          + " MAX(file_name) AS file_name"
          + " FROM "
          + FILE_TABLE
          + " GROUP BY sha1";

  private static final List<String> SWAP_FILES =
      List.of(
          "ALTER TABLE seen_file_build ADD CONSTRAINT seen_file_build_pkey PRIMARY KEY (sha1)",
          "CREATE INDEX seen_file_build_by_sha256 ON seen_file_build (sha256)",
          "CREATE INDEX seen_file_build_by_md5 ON seen_file_build (md5)",
          "DROP TABLE seen_file",
          "ALTER TABLE seen_file_build RENAME TO seen_file",
          "ALTER TABLE seen_file RENAME CONSTRAINT seen_file_build_pkey TO seen_file_pkey",
          "ALTER INDEX seen_file_build_by_sha256 RENAME TO seen_file_by_sha256",
          "ALTER INDEX seen_file_build_by_md5 RENAME TO seen_file_by_md5",
          "ANALYZE seen_file");

  /**
   * Memory for each process grouping a backlog table (PostgreSQL's default, 4 MB, makes the
   * grouping spill to disk); a table larger than this spills, which only slows it.
   */
  private static final String GROUPING_MEMORY = "SET LOCAL work_mem = '128MB'";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresBacklog.class);

  private final FileFingerprints files;
  private final CopyRows fileRows = new CopyRows(copy(FILE_TABLE, "sha1, sha256, md5, file_name"));
  private final List<CopyRows> observationRows =
      OBSERVATION_TABLES.stream()
          .map(t -> new CopyRows(copy(t, "sha1, machine_id, seen_ns")))
          .toList();

  /** Observations this import appended to the backlog. */
  private long appended;

  PostgresBacklog(FileFingerprints files) {
    this.files = files;
  }

  /**
   * Takes the backlog for this connection's session, if no other session holds it; held until
   * {@link #release}, or the connection's end.
   */
  static boolean claim(Connection connection) throws SQLException {
    return ask(connection, "SELECT pg_try_advisory_lock(" + LOCK_KEY + ")");
  }

  static void release(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
    }
  }

  /** Whether the store holds no observations. */
  static boolean noObservations(Connection connection) throws SQLException {
    return ask(connection, NO_OBSERVATIONS);
  }

  /** Appends {@code batch} to the backlog, on the caller's transaction. */
  void append(Connection connection, List<Observation> batch) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    fileRows.addFiles(files, batch);
    fileRows.flushIfFull(copy);
    for (Observation observation : batch) {
      CopyRows table = observationRows.get(ImportBacklog.tableOf(observation.sha1().hex()));
      table.addObservation(observation);
      table.flushIfFull(copy);
    }
    appended += batch.size();
  }

  /** Sends what {@link #append} still holds, before its transaction commits. */
  void flush(Connection connection) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    fileRows.flush(copy);
    for (CopyRows table : observationRows) {
      table.flush(copy);
    }
  }

  /** Forgets rows not sent, when their transaction failed. */
  void clear() {
    fileRows.clear();
    observationRows.forEach(CopyRows::clear);
  }

  /**
   * Moves the whole backlog into the store, on the caller's transaction, and empties it: built anew
   * into an empty store, upserted into one that holds observations. Inserted counts new (file,
   * machine) rows; updated counts existing ones whose time span widened.
   */
  StoredCounts move(Connection connection) throws SQLException {
    // The one sign of this step, which can take a while without progress: the line that tells a
    // user why an import pauses at its end, and a test when to interrupt it there.
    LOG.info(
        "moving the backlog ({} observations staged by this import, with any an interrupted one"
            + " left) into the store",
        String.format(Locale.ROOT, "%,d", appended));
    try (Statement statement = connection.createStatement()) {
      // Keeps other imports' writes out until this commits, so that an empty table stays empty
      // until it is replaced; readers go on.
      statement.execute("LOCK TABLE seen_file, observation IN SHARE ROW EXCLUSIVE MODE");
      statement.execute(GROUPING_MEMORY);
      if (ask(connection, "SELECT NOT EXISTS (SELECT 1 FROM seen_file)")) {
        statement.executeUpdate(BUILD_FILES);
        for (String sql : SWAP_FILES) {
          statement.execute(sql);
        }
      } else {
        statement.executeUpdate(PostgresObservationStore.moveFiles(FILE_TABLE));
      }
      StoredCounts counts = StoredCounts.NONE;
      if (noObservations(connection)) {
        long built = statement.executeUpdate(BUILD_OBSERVATIONS);
        for (String sql : SWAP_OBSERVATIONS) {
          statement.execute(sql);
        }
        counts = new StoredCounts(built, 0);
      } else {
        for (String table : OBSERVATION_TABLES) {
          counts = counts.plus(PostgresObservationStore.moveObservations(statement, table));
        }
      }
      statement.execute("TRUNCATE " + ALL_TABLES);
      return counts;
    }
  }

  private static String copy(String table, String columns) {
    return "COPY " + table + " (" + columns + ") FROM STDIN";
  }

  private static boolean ask(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getBoolean(1);
    }
  }
}
