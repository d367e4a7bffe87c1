package io.filesight.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filesight.adapter.persistence.DatabaseUnavailableException;
import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ledger shared by instances: exact under concurrency and clock skew, and pruned. */
class PostgresQuotaLedgerTest {
  private static final QuotaKey APP = new QuotaKey("tenant", "app");

  @Test
  void twoInstancesTogetherAdmitExactlyTheLimitWhateverTheirClocksSay() throws Exception {
    PostgresSettings settings = TestPostgres.freshDatabase();
    try (PostgresDatabase one = PostgresDatabase.create(settings);
        PostgresDatabase other = PostgresDatabase.create(settings)) {
      one.migrate();
      other.migrate();
      PostgresQuotaLedger[] instances = {
        new PostgresQuotaLedger(one), new PostgresQuotaLedger(other)
      };
      // The second instance's clock is an hour ahead: the database's time decides.
      Instant[] clocks = {Instant.now(), Instant.now().plus(Duration.ofHours(1))};
      ExecutorService callers = Executors.newFixedThreadPool(16);
      try {
        List<Callable<QuotaDecision>> calls = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
          int instance = i % 2;
          calls.add(() -> instances[instance].admit(APP, RateQuota.defender(), clocks[instance]));
        }
        List<QuotaDecision> decisions = new ArrayList<>();
        for (Future<QuotaDecision> decision : callers.invokeAll(calls)) {
          decisions.add(decision.get());
        }

        assertThat(decisions).filteredOn(d -> d instanceof QuotaDecision.Admitted).hasSize(100);
        assertThat(decisions)
            .filteredOn(d -> d instanceof QuotaDecision.Rejected)
            .hasSize(150)
            .allSatisfy(
                d ->
                    assertThat(((QuotaDecision.Rejected) d).retryAfterSeconds())
                        .isBetween(1L, 60L));
      } finally {
        callers.shutdownNow();
      }
    }
  }

  @Test
  void callsOlderThanTheLongestWindowAreForgotten() throws Exception {
    try (PostgresDatabase database = TestPostgres.migratedDatabase()) {
      PostgresQuotaLedger ledger = new PostgresQuotaLedger(database);
      RateQuota twoPerSecond = new RateQuota(List.of(new RateLimit(2, Duration.ofSeconds(1))));
      ledger.admit(APP, twoPerSecond, Instant.now());
      ledger.admit(APP, twoPerSecond, Instant.now());
      assertThat(ledger.admit(APP, twoPerSecond, Instant.now()))
          .isInstanceOf(QuotaDecision.Rejected.class);

      Thread.sleep(1_100);
      QuotaDecision later = ledger.admit(APP, twoPerSecond, Instant.now());

      assertThat(later).isInstanceOf(QuotaDecision.Admitted.class);
      long kept =
          database
              .reads()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM quota_call").mapTo(Long.class).one());
      assertThat(kept).isEqualTo(1);
    }
  }

  @Test
  void aFullKeyIsRejectedWithoutTheDatabaseUntilItAdmitsAgain() throws Exception {
    PostgresDatabase database = TestPostgres.migratedDatabase();
    PostgresQuotaLedger ledger = new PostgresQuotaLedger(database);
    RateQuota twoPerMinute = new RateQuota(List.of(new RateLimit(2, Duration.ofSeconds(60))));
    ledger.admit(APP, twoPerMinute, Instant.now());
    ledger.admit(APP, twoPerMinute, Instant.now());
    database.close();

    QuotaDecision rejected = ledger.admit(APP, twoPerMinute, Instant.now());

    assertThat(rejected)
        .isInstanceOfSatisfying(
            QuotaDecision.Rejected.class,
            r -> assertThat(r.retryAfterSeconds()).isBetween(59L, 60L));
    assertThatThrownBy(
            () -> ledger.admit(new QuotaKey("tenant", "other"), twoPerMinute, Instant.now()))
        .isInstanceOf(DatabaseUnavailableException.class);
  }

  @Test
  void callsOfAKeyWaitingOnTheDatabaseLeaveThePoolToOtherKeys() throws Exception {
    PostgresSettings fresh = TestPostgres.freshDatabase();
    PostgresSettings twoConnections =
        new PostgresSettings(
            fresh.url(),
            fresh.user(),
            fresh.password(),
            2,
            // Long enough for 64 calls to share one connection on a loaded machine; should the hot
            // key take both connections, every cold call still fails after it.
            Duration.ofSeconds(3),
            fresh.statementTimeout());
    try (PostgresDatabase database = PostgresDatabase.create(twoConnections);
        Connection blocker =
            DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password())) {
      database.migrate();
      PostgresQuotaLedger ledger = new PostgresQuotaLedger(database);
      RateQuota generous = new RateQuota(List.of(new RateLimit(10_000, Duration.ofSeconds(60))));
      // Another instance holds the hot key's row, as a slow decision would.
      blocker.setAutoCommit(false);
      try (Statement statement = blocker.createStatement()) {
        statement.execute("INSERT INTO quota_key VALUES ('tenant', 'app')");
      }
      ExecutorService callers = Executors.newFixedThreadPool(32);
      try {
        List<Future<QuotaDecision>> hot = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          hot.add(callers.submit(() -> ledger.admit(APP, generous, Instant.now())));
        }
        List<Callable<QuotaDecision>> cold = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          QuotaKey key = new QuotaKey("tenant", "cold-" + i);
          cold.add(() -> ledger.admit(key, generous, Instant.now()));
        }

        for (Future<QuotaDecision> decision : callers.invokeAll(cold)) {
          assertThat(decision.get()).isInstanceOf(QuotaDecision.Admitted.class);
        }
        assertThat(hot).noneMatch(Future::isDone);
        blocker.commit();
        for (Future<QuotaDecision> decision : hot) {
          assertThat(decision.get()).isInstanceOf(QuotaDecision.Admitted.class);
        }
      } finally {
        callers.shutdownNow();
      }
    }
  }
}
