package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.FileFingerprints;
import io.filesight.adapter.persistence.ImportBacklog;
import io.filesight.adapter.persistence.ImportTotals;
import io.filesight.adapter.persistence.StoreWrites;
import io.filesight.adapter.persistence.WriterSession;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Observation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Secondary adapter: observations written to PostgreSQL in bulk. An import into a store without
 * observations appends its batches to the backlog and builds the store from it at its end ({@link
 * PostgresBacklog}). Any other import copies each batch ({@code COPY ... FROM STDIN}) into
 * unindexed temporary tables, which its commit moves with one set-based upsert for the files and
 * one for the observations, in key order, then empties. Temporary tables belong to the session's
 * connection and roll back with its transaction, so an import killed mid-batch leaves nothing of
 * that batch, and nothing of itself once it completes.
 */
public final class PostgresObservationStore implements ObservationStore {
  private static final String CREATE_FILES =
      "CREATE TEMP TABLE IF NOT EXISTS staged_file ("
          + " sha1 TEXT COLLATE \"C\" NOT NULL, sha256 TEXT, md5 TEXT, file_name TEXT)";
  private static final String CREATE_OBSERVATIONS =
      "CREATE TEMP TABLE IF NOT EXISTS staged_observation ("
          + " sha1 TEXT COLLATE \"C\" NOT NULL, machine_id TEXT COLLATE \"C\" NOT NULL,"
          + " seen_ns BIGINT)";
  private static final String COPY_FILES =
      "COPY staged_file (sha1, sha256, md5, file_name) FROM STDIN";
  private static final String COPY_OBSERVATIONS =
      "COPY staged_observation (sha1, machine_id, seen_ns) FROM STDIN";

  /**
   * One upsert for a table's observations, grouped by (file, machine): new rows inserted, stored
   * ones widened when the table brings an earlier first or later last time. A row the upsert wrote
   * whose {@code xmax} is 0 was inserted; the others it updated.
   */
  private static final String MOVE_OBSERVATIONS =
      "WITH grouped AS ("
          + "  SELECT sha1, machine_id, MIN(seen_ns) AS first_ns, MAX(seen_ns) AS last_ns"
          + "  FROM %s GROUP BY sha1, machine_id),"
          + " written AS ("
          + "  INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns)"
          + "  SELECT sha1, machine_id, first_ns, last_ns FROM grouped ORDER BY sha1, machine_id"
          + "  ON CONFLICT (sha1, machine_id) DO UPDATE SET"
          + "   first_seen_ns = CASE WHEN observation.first_seen_ns IS NULL"
          + "     OR observation.first_seen_ns > excluded.first_seen_ns"
          + "     THEN excluded.first_seen_ns ELSE observation.first_seen_ns END,"
          + "   last_seen_ns = CASE WHEN observation.last_seen_ns IS NULL"
          + "     OR observation.last_seen_ns < excluded.last_seen_ns"
          + "     THEN excluded.last_seen_ns ELSE observation.last_seen_ns END"
          + "  WHERE (excluded.first_seen_ns IS NOT NULL AND (observation.first_seen_ns IS NULL"
          + "     OR observation.first_seen_ns > excluded.first_seen_ns))"
          + "   OR (excluded.last_seen_ns IS NOT NULL AND (observation.last_seen_ns IS NULL"
          + "     OR observation.last_seen_ns < excluded.last_seen_ns))"
          + "  RETURNING (xmax = 0) AS inserted)"
          + " SELECT COUNT(*) FILTER (WHERE inserted), COUNT(*) FILTER (WHERE NOT inserted)"
          + " FROM written";

  private final PostgresDatabase database;

  public PostgresObservationStore(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public ImportSession<Observation> beginImport() {
    return new WriterSession<>(database, ImportTotals.OBSERVATIONS, true) {
      private final FileFingerprints files = new FileFingerprints();
      private final PostgresBacklog backlog = new PostgresBacklog(files);
      private final CopyRows stagedFiles = new CopyRows(COPY_FILES);
      private final CopyRows stagedObservations = new CopyRows(COPY_OBSERVATIONS);

      /** Whether this session holds the backlog (see {@link PostgresBacklog#claim}). */
      private boolean ownsBacklog;

      /** Whether this import appends its batches to the backlog; decided by its first batch. */
      private Boolean deferring;

      @Override
      protected void opened(Connection connection) throws SQLException {
        try (Statement create = connection.createStatement()) {
          create.execute(CREATE_FILES);
          create.execute(CREATE_OBSERVATIONS);
          // Left by a session of this pooled connection that ended without its commit.
          create.execute("TRUNCATE staged_file, staged_observation");
        }
        ownsBacklog = PostgresBacklog.claim(connection);
      }

      @Override
      protected void write(Connection connection, List<Observation> batch) throws SQLException {
        if (deferring == null) {
          deferring = ownsBacklog && PostgresBacklog.noObservations(connection);
          if (deferring) {
            ImportBacklog.knowFiles(connection, files);
          }
        }
        if (deferring) {
          backlog.append(connection, batch);
          return;
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        stagedFiles.addFiles(files, batch);
        stagedFiles.flush(copy);
        for (Observation observation : batch) {
          stagedObservations.addObservation(observation);
        }
        stagedObservations.flush(copy);
      }

      @Override
      protected StoredCounts settle(Connection connection, boolean last) throws SQLException {
        try {
          StoredCounts counts;
          if (Boolean.TRUE.equals(deferring)) {
            backlog.flush(connection);
            counts = last ? backlog.move(connection) : StoredCounts.NONE;
          } else {
            counts = moveStaged(connection);
            // Rows an interrupted import left in the backlog.
            if (last && ownsBacklog && ImportBacklog.any(connection)) {
              counts = counts.plus(backlog.move(connection));
            }
          }
          // Counted as stored now: should the commit fail, the import stops and this session too.
          files.committed();
          return counts;
        } catch (SQLException | RuntimeException e) {
          files.forgetBatch();
          backlog.clear();
          throw e;
        }
      }

      @Override
      protected void closing(Connection connection) throws SQLException {
        if (ownsBacklog) {
          PostgresBacklog.release(connection);
        }
      }
    };
  }

  /** Moves the staged batch into the store with one upsert per table, and empties the staging. */
  private static StoredCounts moveStaged(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // Files first: observations refer to them.
      statement.executeUpdate(moveFiles("staged_file"));
      StoredCounts counts = moveObservations(statement, "staged_observation");
      statement.execute("TRUNCATE staged_file, staged_observation");
      return counts;
    }
  }

  /** One upsert of the files in {@code table}, grouped by SHA-1, into {@code seen_file}. */
  static String moveFiles(String table) {
    return "INSERT INTO seen_file (sha1, sha256, md5, file_name)"
        + " SELECT sha1, MAX(sha256), MAX(md5), MAX(file_name) FROM "
        + table
        + " GROUP BY sha1 ORDER BY sha1"
        + StoreWrites.FILE_CONFLICT;
  }

  /** Upserts the observations in {@code table} (see {@link #MOVE_OBSERVATIONS}). */
  static StoredCounts moveObservations(Statement statement, String table) throws SQLException {
    try (ResultSet row = statement.executeQuery(String.format(MOVE_OBSERVATIONS, table))) {
      row.next();
      return new StoredCounts(row.getLong(1), row.getLong(2));
    }
  }
}
