package io.filesight.adapter.persistence.postgres;

import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Secondary adapter: admitted calls counted in PostgreSQL, so that every instance on the database
 * shares one exact count per (tenant, application). A decision runs in one transaction: it locks
 * the key's row, reads the time from the database (instances' clocks may differ; the database's is
 * one), forgets calls older than the quota's horizon, decides with {@link RateQuota#decide} over
 * the key's remaining calls, and records the call when admitted.
 *
 * <p>Two things keep a hot key from taking the pool: within one instance, calls of one key take
 * their turn on a lock before they take a connection, so a key holds at most one connection per
 * instance; and once a key is full, calls before the instant it admits again ({@link
 * RateQuota#admitsFrom}) are rejected without the database. That is exact, since calls admitted
 * meanwhile by other instances can only move that instant later.
 */
public final class PostgresQuotaLedger implements QuotaLedger {
  private static final int STRIPES = 64;
  private static final String ENSURE_KEY =
      "INSERT INTO quota_key (tenant, application) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String LOCK_KEY =
      "SELECT 1 FROM quota_key WHERE tenant = ? AND application = ? FOR UPDATE";
  // Read after the lock: a call that waited decides at the time it got its turn.
  private static final String DATABASE_NOW =
      "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT * 1000";
  private static final String GIVEN_NOW = "CAST(? AS BIGINT)";
  // One round trip: the time, the forgetting and the calls left. The DELETE's rows are still
  // visible to the SELECT of the same statement, hence its own bound.
  private static final String CALLS =
      "WITH now AS MATERIALIZED (SELECT %s AS ns),"
          + " forgotten AS (DELETE FROM quota_call WHERE tenant = ? AND application = ?"
          + " AND called_at_ns <= (SELECT ns FROM now) - ?)"
          + " SELECT now.ns, c.called_at_ns FROM now LEFT JOIN quota_call c"
          + " ON c.tenant = ? AND c.application = ? AND c.called_at_ns > now.ns - ?"
          + " ORDER BY c.called_at_ns";
  private static final String RECORD =
      "INSERT INTO quota_call (tenant, application, called_at_ns) VALUES (?, ?, ?)";

  private final PostgresDatabase database;
  private final boolean databaseTime;
  private final String calls;
  private final long turnWaitNanos;
  private final ReentrantLock[] turns = new ReentrantLock[STRIPES];
  private final Map<QuotaKey, Full> full = new ConcurrentHashMap<>();

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
    this.calls = String.format(CALLS, databaseTime ? DATABASE_NOW : GIVEN_NOW);
    PostgresSettings settings = database.settings();
    this.turnWaitNanos = settings.connectionTimeout().plus(settings.statementTimeout()).toNanos();
    for (int i = 0; i < STRIPES; i++) {
      turns[i] = new ReentrantLock();
    }
  }

  @Override
  public QuotaDecision admit(QuotaKey key, RateQuota quota, Instant now) {
    QuotaDecision known = rejectedWhileFull(key, quota, now);
    if (known != null) {
      return known;
    }
    ReentrantLock turn = turns[Math.floorMod(key.hashCode(), STRIPES)];
    try {
      if (!turn.tryLock(turnWaitNanos, TimeUnit.NANOSECONDS)) {
        throw new DatabaseUnavailableException(
            "counting a call in the database "
                + database.name()
                + " failed: the calls before it did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("interrupted while waiting to count a call", e);
    }
    try {
      // A call that waited may find the key filled by the one before it.
      known = rejectedWhileFull(key, quota, now);
      return known != null ? known : decideInDatabase(key, quota, now);
    } finally {
      turn.unlock();
    }
  }

  /** The rejection of a call before the key admits again, or null when the database must decide. */
  private QuotaDecision rejectedWhileFull(QuotaKey key, RateQuota quota, Instant now) {
    Full known = full.get(key);
    if (known == null) {
      return null;
    }
    if (!known.quota.equals(quota)) {
      full.remove(key, known);
      return null;
    }
    long at =
        databaseTime ? known.databaseNowNs + (System.nanoTime() - known.localNanos) : nanos(now);
    if (at >= known.admitsFromNs) {
      full.remove(key, known);
      return null;
    }
    return new QuotaDecision.Rejected(known.limit, ceilSeconds(known.admitsFromNs - at));
  }

  private QuotaDecision decideInDatabase(QuotaKey key, RateQuota quota, Instant now) {
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
        bindKey(ensure, key, 1);
        ensure.executeUpdate();
      }
      lock(connection, key);
    }
    // Taken before the database reads its clock, so that estimates from it run ahead of the
    // database's time, never behind: a stale estimate sends a call to the database, never rejects.
    long localNanos = System.nanoTime();
    long nowNs;
    List<Instant> admitted = new ArrayList<>();
    try (PreparedStatement read = connection.prepareStatement(calls)) {
      int next = 1;
      if (!databaseTime) {
        read.setLong(next++, nanos(now));
      }
      long horizonNs = quota.horizon().toNanos();
      next = bindKey(read, key, next);
      read.setLong(next++, horizonNs);
      next = bindKey(read, key, next);
      read.setLong(next, horizonNs);
      try (ResultSet rows = read.executeQuery()) {
        rows.next();
        nowNs = rows.getLong(1);
        do {
          long calledAt = rows.getLong(2);
          if (!rows.wasNull()) {
            admitted.add(Instant.ofEpochSecond(0, calledAt));
          }
        } while (rows.next());
      }
    }
    Instant at = Instant.ofEpochSecond(0, nowNs);
    QuotaDecision decision = quota.decide(admitted, at);
    if (decision instanceof QuotaDecision.Admitted) {
      try (PreparedStatement record = connection.prepareStatement(RECORD)) {
        bindKey(record, key, 1);
        record.setLong(3, nowNs);
        record.executeUpdate();
      }
      admitted.add(at);
    }
    rememberIfFull(key, quota, admitted, at, localNanos);
    return decision;
  }

  private void rememberIfFull(
      QuotaKey key, RateQuota quota, List<Instant> admitted, Instant at, long localNanos) {
    Instant admitsFrom = quota.admitsFrom(admitted);
    if (!admitsFrom.isAfter(at)) {
      return;
    }
    QuotaDecision next = quota.decide(admitted, at);
    if (next instanceof QuotaDecision.Rejected rejected) {
      full.put(key, new Full(quota, rejected.limit(), nanos(admitsFrom), nanos(at), localNanos));
    }
  }

  /** Locks the key's row until the transaction ends; false when the key has none yet. */
  private static boolean lock(Connection connection, QuotaKey key) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_KEY)) {
      bindKey(lock, key, 1);
      try (ResultSet row = lock.executeQuery()) {
        return row.next();
      }
    }
  }

  private static int bindKey(PreparedStatement statement, QuotaKey key, int first)
      throws SQLException {
    statement.setString(first, key.tenantId());
    statement.setString(first + 1, key.appId());
    return first + 2;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * A key that admits no call before {@code admitsFromNs} (database time), learnt when the database
   * read {@code databaseNowNs}, at or after this instance's {@code localNanos}.
   */
  private record Full(
      RateQuota quota, RateLimit limit, long admitsFromNs, long databaseNowNs, long localNanos) {}
}
