package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Secondary adapter: admitted calls counted in PostgreSQL, so that every instance on the database
 * shares one exact count per (tenant, application). A decision runs in one transaction: it locks
 * the key's row, reads the time from the database (instances' clocks may differ; the database's is
 * one), forgets calls older than the quota's horizon, decides with {@link RateQuota#decide} over
 * the key's remaining calls, and records the call when admitted. Concurrent calls of one key queue
 * on its row; calls of different keys do not meet.
 */
public final class PostgresQuotaLedger implements QuotaLedger {
  private static final String ENSURE_KEY =
      "INSERT INTO quota_key (tenant, application) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String LOCK_KEY =
      "SELECT 1 FROM quota_key WHERE tenant = ? AND application = ? FOR UPDATE";
  // Read after the lock: a call that waited decides at the time it got its turn.
  private static final String NOW_NS =
      "SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT * 1000";
  private static final String FORGET =
      "DELETE FROM quota_call WHERE tenant = ? AND application = ? AND called_at_ns <= ?";
  private static final String CALLS =
      "SELECT called_at_ns FROM quota_call WHERE tenant = ? AND application = ?"
          + " ORDER BY called_at_ns";
  private static final String RECORD =
      "INSERT INTO quota_call (tenant, application, called_at_ns) VALUES (?, ?, ?)";

  private final PostgresDatabase database;
  private final boolean databaseTime;

  /** Decides at the database's time, whatever time the caller passes: shared by instances. */
  public PostgresQuotaLedger(PostgresDatabase database) {
    this(database, true);
  }

  /**
   * Decides at the database's time, or, when {@code databaseTime} is false, at the time the caller
   * passes (for tests that set the time).
   */
  public PostgresQuotaLedger(PostgresDatabase database, boolean databaseTime) {
    this.database = database;
    this.databaseTime = databaseTime;
  }

  @Override
  public QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        QuotaDecision decision = decide(connection, key, quota, now);
        connection.commit();
        return decision;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "counting a call in the database " + database.name() + " failed: " + e.getMessage(), e);
    }
  }

  private QuotaDecision decide(Connection connection, QuotaKey key, RateQuota quota, Instant now)
      throws SQLException {
    if (!lock(connection, key)) {
      try (PreparedStatement ensure = connection.prepareStatement(ENSURE_KEY)) {
        bindKey(ensure, key);
        ensure.executeUpdate();
      }
      lock(connection, key);
    }
    long nowNs = databaseTime ? databaseNow(connection) : nanos(now);
    Instant at = Instant.ofEpochSecond(0, nowNs);
    try (PreparedStatement forget = connection.prepareStatement(FORGET)) {
      bindKey(forget, key);
      forget.setLong(3, nanos(at.minus(quota.horizon())));
      forget.executeUpdate();
    }
    List<Instant> calls = new ArrayList<>();
    try (PreparedStatement read = connection.prepareStatement(CALLS)) {
      bindKey(read, key);
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          calls.add(Instant.ofEpochSecond(0, rows.getLong(1)));
        }
      }
    }
    QuotaDecision decision = quota.decide(calls, at);
    if (decision instanceof QuotaDecision.Admitted) {
      try (PreparedStatement record = connection.prepareStatement(RECORD)) {
        bindKey(record, key);
        record.setLong(3, nowNs);
        record.executeUpdate();
      }
    }
    return decision;
  }

  /** Locks the key's row until the transaction ends; false when the key has none yet. */
  private static boolean lock(Connection connection, QuotaKey key) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_KEY)) {
      bindKey(lock, key);
      try (ResultSet row = lock.executeQuery()) {
        return row.next();
      }
    }
  }

  private static long databaseNow(Connection connection) throws SQLException {
    try (PreparedStatement now = connection.prepareStatement(NOW_NS);
        ResultSet row = now.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void bindKey(PreparedStatement statement, QuotaKey key) throws SQLException {
    statement.setString(1, key.tenantId());
    statement.setString(2, key.appId());
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
