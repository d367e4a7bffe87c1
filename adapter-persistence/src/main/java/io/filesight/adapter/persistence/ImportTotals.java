package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What imports committed to a store, read back for metrics: records by kind and when the last
 * import of each kind completed. Read from the store, not counted in this process, so it is right
 * after an import run by the command line or by another instance sharing the database.
 */
public final class ImportTotals {
  public static final String MACHINES = "machines";
  public static final String OBSERVATIONS = "observations";
  public static final String ACCESS = "access";

  /** The kinds of record imported, as the {@code kind} label names them. */
  public static final List<String> KINDS = List.of(MACHINES, OBSERVATIONS, ACCESS);

  private static final String READ =
      "SELECT records, last_completed_at FROM import_totals WHERE kind = ?";

  private final Database database;

  public ImportTotals(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Records committed by imports of {@code kind}, 0 when none was.
   *
   * @throws io.filesight.application.port.out.StoreUnavailableException when the store cannot be
   *     read
   */
  public long records(String kind) {
    return read(kind).records();
  }

  /**
   * When the last import of {@code kind} completed, in milliseconds since the epoch; empty when
   * none did.
   *
   * @throws io.filesight.application.port.out.StoreUnavailableException when the store cannot be
   *     read
   */
  public OptionalLong lastCompletedAtMillis(String kind) {
    return read(kind).lastCompletedAt();
  }

  private Totals read(String kind) {
    try (Connection connection = database.readConnection();
        PreparedStatement read = connection.prepareStatement(READ)) {
      read.setString(1, kind);
      try (ResultSet row = read.executeQuery()) {
        if (!row.next()) {
          return new Totals(0, OptionalLong.empty());
        }
        long records = row.getLong(1);
        long completed = row.getLong(2);
        return new Totals(
            records, row.wasNull() ? OptionalLong.empty() : OptionalLong.of(completed));
      }
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }

  private record Totals(long records, OptionalLong lastCompletedAt) {}
}
