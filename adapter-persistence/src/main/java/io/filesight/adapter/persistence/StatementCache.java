package io.filesight.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical connection: neither sqlite-jdbc nor the pool caches them,
 * and preparing the lookup's wide select costs as much as running it. Statements are prepared on
 * the pooled connection's underlying driver connection, so the pool does not close them when the
 * connection goes back; they die with that connection.
 */
final class StatementCache {
  private final Map<Connection, Map<String, PreparedStatement>> byConnection =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The statement for {@code sql} on the connection under {@code pooled}. Use it only while holding
   * {@code pooled}, and do not close it.
   */
  PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
    Connection physical = pooled.unwrap(Connection.class);
    Map<String, PreparedStatement> statements =
        byConnection.computeIfAbsent(physical, c -> new ConcurrentHashMap<>());
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = physical.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }
}
