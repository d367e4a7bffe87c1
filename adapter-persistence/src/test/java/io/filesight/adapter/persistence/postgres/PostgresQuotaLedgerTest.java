package io.filesight.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.filesight.domain.QuotaDecision;
import io.filesight.domain.QuotaKey;
import io.filesight.domain.RateLimit;
import io.filesight.domain.RateQuota;
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
}
