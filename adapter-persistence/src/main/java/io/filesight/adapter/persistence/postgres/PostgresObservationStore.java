package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.EpochNanos;
import io.filesight.adapter.persistence.FileFingerprints;
import io.filesight.adapter.persistence.ImportTotals;
import io.filesight.adapter.persistence.StoreWrites;
import io.filesight.adapter.persistence.WriterSession;
import io.filesight.application.port.out.ImportSession;
import io.filesight.application.port.out.ObservationStore;
import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.Observation;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Secondary adapter: observations written to PostgreSQL in bulk. Each batch is copied ({@code COPY
 * ... FROM STDIN}) into unindexed temporary tables; a commit moves them with one set-based upsert
 * for the files and one for the observations, in key order, then empties them. Temporary tables
 * belong to the session's connection and roll back with its transaction, so an import killed
 * mid-batch leaves nothing of that batch, and nothing of itself once it completes.
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
  private static final String MOVE_FILES =
      "INSERT INTO seen_file (sha1, sha256, md5, file_name)"
          + " SELECT sha1, MAX(sha256), MAX(md5), MAX(file_name) FROM staged_file"
          + " GROUP BY sha1 ORDER BY sha1"
          + StoreWrites.FILE_CONFLICT;

  /**
   * One upsert for a batch's observations, grouped by (file, machine): new rows inserted, stored
   * ones widened when the batch brings an earlier first or later last time. A row the upsert wrote
   * whose {@code xmax} is 0 was inserted; the others it updated.
   */
  private static final String MOVE_OBSERVATIONS =
      "WITH grouped AS ("
          + "  SELECT sha1, machine_id, MIN(seen_ns) AS first_ns, MAX(seen_ns) AS last_ns"
          + "  FROM staged_observation GROUP BY sha1, machine_id),"
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
      private final StringBuilder rows = new StringBuilder(1 << 20);

      @Override
      protected void opened(Connection connection) throws SQLException {
        try (Statement create = connection.createStatement()) {
          create.execute(CREATE_FILES);
          create.execute(CREATE_OBSERVATIONS);
          // Left by a session of this pooled connection that ended without its commit.
          create.execute("TRUNCATE staged_file, staged_observation");
        }
      }

      @Override
      protected void write(Connection connection, List<Observation> batch) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        rows.setLength(0);
        for (Observation observation : batch) {
          String sha1 = observation.sha1().hex();
          String sha256 = StoreWrites.hexOrNull(observation.sha256());
          String md5 = StoreWrites.hexOrNull(observation.md5());
          if (files.stage(sha1, sha256, md5, observation.fileName())) {
            field(rows, sha1).append('\t');
            field(rows, sha256).append('\t');
            field(rows, md5).append('\t');
            field(rows, observation.fileName()).append('\n');
          }
        }
        copy(copy, COPY_FILES);
        for (Observation observation : batch) {
          rows.append(observation.sha1().hex())
              .append('\t')
              .append(observation.machine().value())
              .append('\t');
          Long at = EpochNanos.of(observation.at());
          (at == null ? rows.append("\\N") : rows.append(at.longValue())).append('\n');
        }
        copy(copy, COPY_OBSERVATIONS);
      }

      @Override
      protected StoredCounts settle(Connection connection, boolean last) throws SQLException {
        try (Statement statement = connection.createStatement()) {
          // Files first: observations refer to them.
          statement.executeUpdate(MOVE_FILES);
          StoredCounts counts;
          try (ResultSet row = statement.executeQuery(MOVE_OBSERVATIONS)) {
            row.next();
            counts = new StoredCounts(row.getLong(1), row.getLong(2));
          }
          statement.execute("TRUNCATE staged_file, staged_observation");
          // Counted as stored now: should the commit fail, the import stops and this session too.
          files.committed();
          return counts;
        } catch (SQLException | RuntimeException e) {
          files.forgetBatch();
          throw e;
        }
      }

      private void copy(CopyManager copy, String sql) throws SQLException {
        if (rows.length() == 0) {
          return;
        }
        try {
          copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
          throw new SQLException("copying a batch failed: " + e.getMessage(), e);
        }
        rows.setLength(0);
      }
    };
  }

  /** Appends {@code value} in COPY's text format: \N for null, the format's escapes otherwise. */
  private static StringBuilder field(StringBuilder rows, String value) {
    if (value == null) {
      return rows.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          rows.append("\\\\");
          break;
        case '\t':
          rows.append("\\t");
          break;
        case '\n':
          rows.append("\\n");
          break;
        case '\r':
          rows.append("\\r");
          break;
        default:
          rows.append(c);
      }
    }
    return rows;
  }
}
