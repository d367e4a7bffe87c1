package io.filesight.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateQuotaTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final RateQuota quota = RateQuota.defender();

  /** {@code count} admitted calls, {@code spacingMillis} apart, starting at T0. */
  private static List<Instant> calls(int count, long spacingMillis) {
    List<Instant> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(T0.plusMillis(i * spacingMillis));
    }
    return calls;
  }

  @Test
  void defenderQuotaIsOneHundredPerMinuteAndFifteenHundredPerHour() {
    assertThat(quota.limits())
        .containsExactly(
            new RateLimit(100, Duration.ofSeconds(60)),
            new RateLimit(1500, Duration.ofSeconds(3600)));
  }

  @ParameterizedTest(name = "after {0} calls in one second: admitted={1}")
  @CsvSource({"0, true", "98, true", "99, true", "100, false", "150, false"})
  void theHundredthCallInAMinuteIsAdmittedAndTheHundredAndFirstIsNot(int before, boolean admitted) {
    List<Instant> history = calls(before, 10);

    QuotaDecision decision = quota.decide(history, T0.plusSeconds(1));

    assertThat(decision instanceof QuotaDecision.Admitted).isEqualTo(admitted);
  }

  @ParameterizedTest(name = "oldest of the last 100 at +{0} ms, now +{1} ms: retry after {2} s")
  @CsvSource({
    "0, 1000, 59", // frees at exactly +60 s: 59 whole seconds from +1 s
    "0, 1001, 59", // 58.999 s rounds up to 59
    "0, 999, 60", // 59.001 s rounds up to 60
    "500, 59000, 2", // frees at +60.5 s: 1.5 s rounds up to 2
    "0, 59999, 1",
  })
  void rejectionCarriesTheSmallestWholeNumberOfSecondsUntilTheNextAdmittedCall(
      long firstMillis, long nowMillis, long expectedRetry) {
    List<Instant> history = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      history.add(T0.plusMillis(firstMillis + i));
    }
    Instant now = T0.plusMillis(Math.max(nowMillis, firstMillis + 100));

    QuotaDecision decision = quota.decide(history, now);

    assertThat(decision)
        .isInstanceOfSatisfying(
            QuotaDecision.Rejected.class,
            r -> assertThat(r.retryAfterSeconds()).isEqualTo(expectedRetry));
  }

  @Test
  void theCallIsAdmittedAtTheExactInstantTheOldestCallLeavesTheWindow() {
    List<Instant> history = calls(100, 0);

    assertThat(quota.decide(history, T0.plusSeconds(60).minusNanos(1)))
        .isInstanceOf(QuotaDecision.Rejected.class);
    assertThat(quota.decide(history, T0.plusSeconds(60)))
        .isInstanceOf(QuotaDecision.Admitted.class);
  }

  @ParameterizedTest(name = "after {0} calls in the hour: admitted={1}")
  @CsvSource({"1499, true", "1500, false"})
  void theFifteenHundredthCallInAnHourIsAdmittedAndTheNextIsNot(int before, boolean admitted) {
    // 2.4 s apart: never more than 25 in a minute, so only the hourly limit can bite.
    List<Instant> history = calls(before, 2400);
    Instant now = T0.plusMillis((before - 1) * 2400L + 1000);

    QuotaDecision decision = quota.decide(history, now);

    assertThat(decision instanceof QuotaDecision.Admitted).isEqualTo(admitted);
    if (!admitted) {
      QuotaDecision.Rejected rejected = (QuotaDecision.Rejected) decision;
      assertThat(rejected.limit().calls()).isEqualTo(1500);
      // The first call (T0) leaves the hour window at T0 + 3600 s, 1.4 s from now: 2 whole seconds.
      assertThat(rejected.retryAfterSeconds()).isEqualTo(2);
      assertThat(quota.decide(history, T0.plusSeconds(3600)))
          .isInstanceOf(QuotaDecision.Admitted.class);
    }
  }

  @Test
  void whenBothLimitsBiteTheWaitIsTheLongerOne() {
    // 1500 calls spread over the last 59 minutes, the last 100 of them in the last second.
    List<Instant> history = calls(1400, 2500);
    Instant lastSecond = T0.plusSeconds(3540);
    for (int i = 0; i < 100; i++) {
      history.add(lastSecond.plusMillis(i));
    }
    Instant now = lastSecond.plusSeconds(1);

    QuotaDecision decision = quota.decide(history, now);

    assertThat(decision)
        .isInstanceOfSatisfying(
            QuotaDecision.Rejected.class,
            r -> {
              assertThat(r.limit().calls()).isEqualTo(100);
              assertThat(r.retryAfterSeconds()).isEqualTo(59);
            });
  }

  @Test
  void admittedDecisionReportsTheTightestRemainingAllowance() {
    QuotaDecision decision = quota.decide(calls(40, 0), T0.plusSeconds(10));

    assertThat(decision)
        .isEqualTo(new QuotaDecision.Admitted(new RateLimit(100, Duration.ofSeconds(60)), 59, 50));
  }

  @Test
  void horizonAndMemoryAreTheLargestWindowAndLimit() {
    assertThat(quota.horizon()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(quota.memory()).isEqualTo(1500);
  }

  @Test
  void admitsFromIsTheInstantDecideFirstAdmitsAndOnlyMovesLaterAsCallsAreAdmitted() {
    List<Instant> history = calls(100, 10);
    Instant from = quota.admitsFrom(history);

    assertThat(from).isEqualTo(T0.plusSeconds(60));
    assertThat(quota.decide(history, from.minusNanos(1)))
        .isInstanceOf(QuotaDecision.Rejected.class);
    assertThat(quota.decide(history, from)).isInstanceOf(QuotaDecision.Admitted.class);
    assertThat(quota.admitsFrom(calls(99, 10))).isEqualTo(Instant.MIN);

    history.add(T0.plusSeconds(61));
    assertThat(quota.admitsFrom(history)).isAfterOrEqualTo(from);
  }
}
