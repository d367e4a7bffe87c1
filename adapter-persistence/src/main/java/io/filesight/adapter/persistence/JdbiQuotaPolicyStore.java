package io.filesight.adapter.persistence;

import io.filesight.application.port.out.QuotaPolicyStore;
import io.filesight.domain.RateQuota;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * Secondary adapter: the quota policy in the one-row {@code quota_policy} table, in portable SQL on
 * either engine. Reading uses a reading connection, so a start whose policy is already stored takes
 * no write lock.
 */
public final class JdbiQuotaPolicyStore implements QuotaPolicyStore {
  private static final String READ = "SELECT policy FROM quota_policy WHERE id = 1";
  private static final String STORE_IF_ABSENT =
      "INSERT INTO quota_policy (id, policy) VALUES (1, ?) ON CONFLICT (id) DO NOTHING";
  private static final String REPLACE =
      "INSERT INTO quota_policy (id, policy) VALUES (1, ?)"
          + " ON CONFLICT (id) DO UPDATE SET policy = excluded.policy";

  private final Database database;

  public JdbiQuotaPolicyStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<RateQuota> stored() {
    try (Connection connection = database.readConnection()) {
      return read(connection, database.name());
    } catch (SQLException e) {
      throw database.readFailed(e);
    }
  }

  @Override
  public RateQuota storeIfAbsent(RateQuota quota) {
    try {
      String stored =
          database
              .writes()
              .inTransaction(
                  handle -> {
                    handle.createUpdate(STORE_IF_ABSENT).bind(0, quota.describe()).execute();
                    return handle.createQuery(READ).mapTo(String.class).one();
                  });
      return parse(stored, database.name());
    } catch (JdbiException e) {
      throw database.writeFailed(e);
    }
  }

  @Override
  public void replace(RateQuota quota) {
    try {
      database
          .writes()
          .useTransaction(
              handle -> handle.createUpdate(REPLACE).bind(0, quota.describe()).execute());
    } catch (JdbiException e) {
      throw database.writeFailed(e);
    }
  }

  /**
   * The policy stored in the database {@code connection} reads, without changing anything; empty
   * when none is stored or the schema has no {@code quota_policy} table yet (a migration pending).
   *
   * @throws DatabaseConfigurationException when the stored policy is not one this build reads
   */
  public static Optional<RateQuota> read(Connection connection, String database)
      throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    try (ResultSet tables =
        metadata.getTables(connection.getCatalog(), connection.getSchema(), "quota_policy", null)) {
      if (!tables.next()) {
        return Optional.empty();
      }
    }
    try (PreparedStatement read = connection.prepareStatement(READ);
        ResultSet row = read.executeQuery()) {
      return row.next() ? Optional.of(parse(row.getString(1), database)) : Optional.empty();
    }
  }

  private static RateQuota parse(String stored, String database) {
    try {
      return RateQuota.parse(stored);
    } catch (IllegalArgumentException e) {
      throw new DatabaseConfigurationException(
          "the database "
              + database
              + " stores the quota policy '"
              + stored
              + "', which this filesight cannot read ("
              + e.getMessage()
              + "): start one instance with --quota and --quota-replace to store a valid one");
    }
  }
}
