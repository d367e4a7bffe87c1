package io.filesight.adapter.persistence;

import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Idempotent batched upserts of machines and observations on the caller's transaction. Plain JDBC
 * batches on purpose: this is the import's hot path, several times faster than fluent Jdbi.
 */
public final class StoreWrites {
  private static final String INSERT_MACHINE =
      "INSERT INTO machine ("
          + String.join(", ", MachineColumns.NAMES)
          + ") VALUES ("
          + String.join(", ", Collections.nCopies(MachineColumns.NAMES.size(), "?"))
          + ") ON CONFLICT (id) DO NOTHING";
  private static final String UPDATE_MACHINE = updateMachine();
  private static final String BUMP_MACHINE_VERSION =
      "UPDATE machine_state SET version = version + 1 WHERE singleton = 1";

  /** Keeps any new SHA-256, MD5 or name of a file already stored; changes nothing otherwise. */
  static final String FILE_CONFLICT =
      " ON CONFLICT (sha1) DO UPDATE SET"
          + " sha256 = COALESCE(excluded.sha256, seen_file.sha256),"
          + " md5 = COALESCE(excluded.md5, seen_file.md5),"
          + " file_name = COALESCE(excluded.file_name, seen_file.file_name)"
          + " WHERE (excluded.sha256 IS NOT NULL"
          + "   AND (seen_file.sha256 IS NULL OR seen_file.sha256 <> excluded.sha256))"
          + " OR (excluded.md5 IS NOT NULL AND (seen_file.md5 IS NULL OR seen_file.md5 <> excluded.md5))"
          + " OR (excluded.file_name IS NOT NULL"
          + "   AND (seen_file.file_name IS NULL OR seen_file.file_name <> excluded.file_name))";

  private static final String UPSERT_FILE =
      "INSERT INTO seen_file (sha1, sha256, md5, file_name) VALUES (?, ?, ?, ?)" + FILE_CONFLICT;
  private static final String INSERT_OBSERVATION =
      "INSERT INTO observation (sha1, machine_id, first_seen_ns, last_seen_ns) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (sha1, machine_id) DO NOTHING";
  // Widens [first, last] to include the new time; matches no row when it changes nothing, so the
  // update count says whether the observation really changed.
  private static final String WIDEN_OBSERVATION =
      "UPDATE observation SET"
          + " first_seen_ns = CASE WHEN first_seen_ns IS NULL OR first_seen_ns > ? THEN ?"
          + "   ELSE first_seen_ns END,"
          + " last_seen_ns = CASE WHEN last_seen_ns IS NULL OR last_seen_ns < ? THEN ?"
          + "   ELSE last_seen_ns END"
          + " WHERE sha1 = ? AND machine_id = ?"
          + " AND (first_seen_ns IS NULL OR first_seen_ns > ? OR last_seen_ns IS NULL"
          + "   OR last_seen_ns < ?)";

  private static final Comparator<Observation> KEY_ORDER =
      Comparator.comparing((Observation o) -> o.sha1().hex())
          .thenComparing(o -> o.machine().value());

  private StoreWrites() {}

  /** Upserts {@code machines} in one transaction of their own; for embedders and tests. */
  public static WriteCounts upsertMachines(SqliteDatabase database, List<Machine> machines) {
    try {
      return database.writes().inTransaction(h -> upsertMachines(h.getConnection(), machines));
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "writing machines to " + database.file() + " failed: " + e.getMessage(), e);
    }
  }

  /** Upserts {@code observations} in one transaction of their own; for embedders and tests. */
  public static WriteCounts upsertObservations(
      SqliteDatabase database, List<Observation> observations) {
    try {
      return database
          .writes()
          .inTransaction(h -> upsertObservations(h.getConnection(), observations));
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "writing observations to " + database.file() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts new machines and replaces existing ones; a machine counts as updated when it existed.
   */
  public static WriteCounts upsertMachines(Connection connection, List<Machine> machines)
      throws SQLException {
    int[] inserted;
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MACHINE)) {
      for (Machine machine : machines) {
        MachineColumns.bind(insert, 1, machine);
        insert.addBatch();
      }
      inserted = insert.executeBatch();
    }
    List<Machine> existing = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      if (inserted[i] == 0) {
        existing.add(machines.get(i));
      }
    }
    if (!existing.isEmpty()) {
      try (PreparedStatement update = connection.prepareStatement(UPDATE_MACHINE)) {
        for (Machine machine : existing) {
          int next = MachineColumns.bind(update, 1, machine);
          update.setString(next, machine.id().value());
          update.addBatch();
        }
        update.executeBatch();
      }
    }
    if (!machines.isEmpty()) {
      // In the same transaction: readers that cache machines see the new version with the rows.
      try (PreparedStatement bump = connection.prepareStatement(BUMP_MACHINE_VERSION)) {
        bump.executeUpdate();
      }
    }
    return new WriteCounts(machines.size() - existing.size(), existing.size());
  }

  /**
   * Records observations: the file (with any new SHA-256, MD5 or name) and the first and last time
   * per (file, machine). An observation counts as updated when it widened an existing time span.
   */
  public static WriteCounts upsertObservations(Connection connection, List<Observation> unordered)
      throws SQLException {
    // Key order turns random B-tree inserts into mostly sequential ones within a batch; the result
    // does not depend on order (first/last seen are a min and a max).
    List<Observation> observations = new ArrayList<>(unordered);
    observations.sort(KEY_ORDER);
    try (PreparedStatement file = connection.prepareStatement(UPSERT_FILE)) {
      for (Observation observation : observations) {
        file.setString(1, observation.sha1().hex());
        file.setString(2, hexOrNull(observation.sha256()));
        file.setString(3, hexOrNull(observation.md5()));
        file.setString(4, observation.fileName());
        file.addBatch();
      }
      file.executeBatch();
    }
    int[] inserted;
    try (PreparedStatement insert = connection.prepareStatement(INSERT_OBSERVATION)) {
      for (Observation observation : observations) {
        Long at = EpochNanos.of(observation.at());
        insert.setString(1, observation.sha1().hex());
        insert.setString(2, observation.machine().value());
        setLong(insert, 3, at);
        setLong(insert, 4, at);
        insert.addBatch();
      }
      inserted = insert.executeBatch();
    }
    long insertedCount = 0;
    long updatedCount = 0;
    try (PreparedStatement widen = connection.prepareStatement(WIDEN_OBSERVATION)) {
      boolean any = false;
      for (int i = 0; i < observations.size(); i++) {
        Observation observation = observations.get(i);
        if (inserted[i] > 0) {
          insertedCount++;
        } else if (observation.at() != null) {
          long at = EpochNanos.of(observation.at());
          widen.setLong(1, at);
          widen.setLong(2, at);
          widen.setLong(3, at);
          widen.setLong(4, at);
          widen.setString(5, observation.sha1().hex());
          widen.setString(6, observation.machine().value());
          widen.setLong(7, at);
          widen.setLong(8, at);
          widen.addBatch();
          any = true;
        }
      }
      if (any) {
        for (int count : widen.executeBatch()) {
          updatedCount += count > 0 ? 1 : 0;
        }
      }
    }
    return new WriteCounts(insertedCount, updatedCount);
  }

  private static String updateMachine() {
    StringBuilder sql = new StringBuilder("UPDATE machine SET ");
    List<String> names = MachineColumns.NAMES;
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ?");
    }
    return sql.append(" WHERE id = ?").toString();
  }

  static String hexOrNull(FileHash hash) {
    return hash == null ? null : hash.hex();
  }

  /** Binds {@code value}, or SQL NULL when it is null. */
  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
