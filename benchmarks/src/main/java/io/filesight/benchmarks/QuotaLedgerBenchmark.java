package io.filesight.benchmarks;

import io.filesight.adapter.persistence.InMemoryQuotaLedger;
import io.filesight.adapter.persistence.postgres.PostgresDatabase;
import io.filesight.adapter.persistence.postgres.PostgresQuotaLedger;
import io.filesight.application.port.out.QuotaLedger;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one admitted call costs the quota ledger: Defender's quota over {@value #KEYS} applications
 * taken in turn, so that every call is admitted and recorded, in this process ({@code
 * ledger=memory}, the baseline) or in PostgreSQL ({@code ledger=} a jdbc:postgresql: URL), whose
 * ledger reads the database's clock as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuotaLedgerBenchmark {
  /** Applications taken in turn: at 1 ms a call each makes 15 calls a minute, below the 100. */
  private static final int KEYS = 4096;

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"memory"})
  public String ledger;

  private final RateQuota quota = RateQuota.defender();
  private PostgresDatabase database;
  private QuotaLedger admitting;
  private QuotaKey[] keys;
  private long calls;

  @Setup(Level.Trial)
  public void open() {
    if (ledger.equals("memory")) {
      admitting = new InMemoryQuotaLedger();
    } else {
      database = PostgresDatabase.create(Postgres.settings(ledger));
      database.migrate();
      database.writes().useHandle(h -> h.execute("TRUNCATE quota_call, quota_key"));
      admitting = new PostgresQuotaLedger(database);
    }
    keys = new QuotaKey[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = new QuotaKey("bench-tenant", "bench-ledger-" + i);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (database != null) {
      database.writes().useHandle(h -> h.execute("TRUNCATE quota_call, quota_key"));
      database.close();
    }
  }

  @Benchmark
  public QuotaDecision admit() {
    long call = calls++;
    // The in-process ledger decides at the time it is given: a millisecond a call.
    Instant now = START.plus(Duration.ofMillis(call));
    QuotaDecision decision = admitting.admit(keys[(int) (call % KEYS)], quota, now);
    if (!(decision instanceof QuotaDecision.Admitted)) {
      throw new IllegalStateException("every call must be admitted: " + decision);
    }
    return decision;
  }
}
