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
 * shares one exact count per (tenant, application). A decision reads the key's calls and the time
 * from the database in one statement (instances' clocks may differ; the database's is one), decides
 * with {@link RateQuota#decide}, and records an admitted call in one statement that also bumps the
 * key's version, forgets calls older than the quota's horizon, and does nothing unless the version
 * is still the one read. A decision that another instance's admission overtook reads again, so no
 * call is admitted over a count it did not see, and no lock is held across round trips.
 *
 * <p>Two things keep a hot key from taking the pool: within one instance, calls of one key take
 * their turn on a lock before they take a connection, so a key holds at most one connection per
 * instance; and once a key is full, calls before the instant it admits again ({@link
 * RateQuota#admitsFrom}) are rejected without the database. That is exact, since calls admitted
 * meanwhile by other instances can only move that instant later.
 */
public final class PostgresQuotaLedger implements QuotaLedger {
  private static final int STRIPES = 64;

  /** Decisions overtaken in a row before the database is deemed unable to settle one. */
  private static final int ATTEMPTS = 100;

  private static final String ENSURE_KEY =
      "INSERT INTO quota_key (tenant, application) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String DATABASE_NOW =
      "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT * 1000";
  private static final String GIVEN_NOW = "CAST(? AS BIGINT)";
  // The time, the key's version (null before its first call) and its calls within the horizon, in
  // one statement and so in one snapshot.
  private static final String READ =
      "WITH now AS MATERIALIZED (SELECT %s AS ns)"
          + " SELECT now.ns, k.version, c.called_at_ns FROM now"
          + " LEFT JOIN quota_key k ON k.tenant = ? AND k.application = ?"
          + " LEFT JOIN quota_call c ON c.tenant = k.tenant AND c.application = k.application"
          + " AND c.called_at_ns > now.ns - ?"
          + " ORDER BY c.called_at_ns";
  // Records the call only if the key's version is still the one read; a concurrent recording
  // holds the key's row until it commits, and this one then finds the version moved.
  private static final String RECORD =
      "WITH bumped AS (UPDATE quota_key SET version = version + 1"
          + " WHERE tenant = ? AND application = ? AND version = ? RETURNING version),"
          + " recorded AS (INSERT INTO quota_call (tenant, application, called_at_ns)"
          + " SELECT ?, ?, ? FROM bumped),"
          + " forgotten AS (DELETE FROM quota_call WHERE tenant = ? AND application = ?"
          + " AND called_at_ns <= ? AND EXISTS (SELECT 1 FROM bumped))"
          + " SELECT COUNT(*) FROM bumped";

  private final PostgresDatabase database;
  private final boolean databaseTime;
  private final String read;
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
    this.read = String.format(READ, databaseTime ? DATABASE_NOW : GIVEN_NOW);
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
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        QuotaDecision decision = decide(connection, key, quota, now);
        if (decision != null) {
          return decision;
        }
      }
      throw new DatabaseUnavailableException(
          "counting a call in the database "
              + database.name()
              + " failed: "
              + ATTEMPTS
              + " decisions in a row were overtaken by other instances' calls");
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "counting a call in the database " + database.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** The decision, or null when another admission overtook it (or the key was just created). */
  private QuotaDecision decide(Connection connection, QuotaKey key, RateQuota quota, Instant now)
      throws SQLException {
    // Taken before the database reads its clock, so that estimates from it run ahead of the
    // database's time, never behind: a stale estimate sends a call to the database, never rejects.
    long localNanos = System.nanoTime();
    long horizonNs = quota.horizon().toNanos();
    long nowNs;
    Long version;
    List<Instant> admitted = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(read)) {
      int next = 1;
      if (!databaseTime) {
        statement.setLong(next++, nanos(now));
      }
      next = bindKey(statement, key, next);
      statement.setLong(next, horizonNs);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        nowNs = rows.getLong(1);
        long stored = rows.getLong(2);
        version = rows.wasNull() ? null : stored;
        do {
          long calledAt = rows.getLong(3);
          if (!rows.wasNull()) {
            admitted.add(Instant.ofEpochSecond(0, calledAt));
          }
        } while (rows.next());
      }
    }
    if (version == null) {
      try (PreparedStatement ensure = connection.prepareStatement(ENSURE_KEY)) {
        bindKey(ensure, key, 1);
        ensure.executeUpdate();
      }
      return null;
    }
    Instant at = Instant.ofEpochSecond(0, nowNs);
    QuotaDecision decision = quota.decide(admitted, at);
    if (decision instanceof QuotaDecision.Admitted) {
      try (PreparedStatement record = connection.prepareStatement(RECORD)) {
        int next = bindKey(record, key, 1);
        record.setLong(next++, version);
        next = bindKey(record, key, next);
        record.setLong(next++, nowNs);
        next = bindKey(record, key, next);
        record.setLong(next, nowNs - horizonNs);
        try (ResultSet row = record.executeQuery()) {
          row.next();
          if (row.getLong(1) == 0) {
            return null;
          }
        }
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
