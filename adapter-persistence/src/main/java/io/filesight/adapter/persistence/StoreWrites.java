package io.filesight.adapter.persistence;

import io.filesight.application.port.out.StoredCounts;
import io.filesight.domain.FileHash;
import io.filesight.domain.Machine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Idempotent batched upserts of machines on the caller's transaction, and what the observation
 * staging shares with them. Plain JDBC batches on purpose: this is the import's hot path, several
 * times faster than fluent Jdbi.
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
  public static final String FILE_CONFLICT =
      " ON CONFLICT (sha1) DO UPDATE SET"
          + " sha256 = COALESCE(excluded.sha256, seen_file.sha256),"
          + " md5 = COALESCE(excluded.md5, seen_file.md5),"
          + " file_name = COALESCE(excluded.file_name, seen_file.file_name)"
          + " WHERE (excluded.sha256 IS NOT NULL"
          + "   AND (seen_file.sha256 IS NULL OR seen_file.sha256 <> excluded.sha256))"
          + " OR (excluded.md5 IS NOT NULL AND (seen_file.md5 IS NULL OR seen_file.md5 <> excluded.md5))"
          + " OR (excluded.file_name IS NOT NULL"
          + "   AND (seen_file.file_name IS NULL OR seen_file.file_name <> excluded.file_name))";

  private StoreWrites() {}

  /**
   * Inserts new machines and replaces existing ones; a machine counts as updated when it existed.
   */
  public static StoredCounts upsertMachines(Connection connection, List<Machine> machines)
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
    return new StoredCounts(machines.size() - existing.size(), existing.size());
  }

  private static String updateMachine() {
    StringBuilder sql = new StringBuilder("UPDATE machine SET ");
    List<String> names = MachineColumns.NAMES;
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ?");
    }
    return sql.append(" WHERE id = ?").toString();
  }

  public static String hexOrNull(FileHash hash) {
    return hash == null ? null : hash.hex();
  }

  /** Binds {@code value}, or SQL NULL when it is null. */
  public static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
